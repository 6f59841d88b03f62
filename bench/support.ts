// Shared by the bench scripts: a throwaway cluster + sidecar, statistics, psql spawning.
import { execFile } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Cluster } from '../server/cluster/cluster';
import { createCluster } from '../server/cluster/factory';
import { startSidecar, type RunningSidecar } from '../server/sidecar/start-sidecar';
import type { BackendKind, NodeName, Snippet } from '../server/types';

const run = promisify(execFile);

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (samples: number[]) => percentile(samples, 50);
export const ms = (value: number) => `${value.toFixed(2)} ms`;

export async function timed<T>(work: () => Promise<T>): Promise<[number, T]> {
  const start = performance.now();
  const value = await work();
  return [performance.now() - start, value];
}

export interface BenchEnv {
  cluster: Cluster;
  sidecar: RunningSidecar;
  /** POST /api/run {snippet} through real HTTP, as the deck does */
  runSnippet(id: string): Promise<{ ok: boolean; durationMs: number }>;
  /** psql as a separate process, the way a terminal demo runs it (docker: `docker exec <node> psql`) */
  psql(node: NodeName, args: string[]): Promise<string>;
  close(): Promise<void>;
}

export async function benchEnv(basePort: number, snippets: Snippet[], backend: BackendKind = 'embedded'): Promise<BenchEnv> {
  const stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-bench-'));
  const cluster = createCluster({ backend, stateDir, basePort });
  await cluster.up();
  const sidecar = await startSidecar({ cluster, snippets: new Map(snippets.map((s) => [s.id, s])) });
  const psqlBin = join(cluster.tools()?.available.psql ? cluster.tools()!.binDir : '/usr/bin', 'psql');
  return {
    cluster,
    sidecar,
    async runSnippet(id) {
      const res = await fetch(`${sidecar.url}/api/run`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${sidecar.token}` },
        body: JSON.stringify({ snippet: id }),
      });
      const body = (await res.json()) as { ok: boolean; durationMs: number };
      if (!body.ok) throw new Error(`snippet ${id} failed: ${JSON.stringify(body).slice(0, 400)}`);
      return body;
    },
    async psql(node, args) {
      if (backend === 'docker') {
        const { stdout } = await run('docker', ['exec', node, 'psql', '-X', '-q', '-v', 'ON_ERROR_STOP=1', '-U', 'postgres', ...args],
          { maxBuffer: 64 * 1024 * 1024 });
        return stdout;
      }
      const { host, port, user, database } = cluster.connection(node);
      const { stdout } = await run(psqlBin, ['-X', '-q', '-v', 'ON_ERROR_STOP=1', '-h', host, '-p', String(port),
        '-U', user, '-d', database, ...args], { maxBuffer: 64 * 1024 * 1024 });
      return stdout;
    },
    async close() {
      await sidecar.close();
      await cluster.destroy();
      await cluster.close();
      await rm(stateDir, { recursive: true, force: true });
    },
  };
}
