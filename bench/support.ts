// Shared by the bench scripts: their ports, a throwaway cluster + sidecar, statistics, psql spawning.
import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';
import type { Cluster } from '../server/cluster/cluster';
import { pairPorts } from '../server/cluster/test-support';
import type { RunningSidecar } from '../server/sidecar/start-sidecar';
import { reservePorts } from '../server/system/port-reservation';
import { testStack } from '../server/testing/test-stack';
import type { BackendKind, NodeName, Snippet } from '../shared/types';

const run = promisify(execFile);

export function percentile(samples: number[], p: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

export const median = (samples: number[]) => percentile(samples, 50);

/**
 * The geometric mean of ratios with its ~95 % interval (± 2 standard errors of the mean log-ratio), and how many
 * pairs as noisy as these it would take to narrow that to ± 1 %: whether a bench of on/off pairs can tell a 2 % cost
 * from none at all, said with the figure rather than left to the reader.
 */
export function ratioInterval(ratios: number[]): { mean: number; low: number; high: number; pairsForOnePercent: number } {
  const logs = ratios.map(Math.log);
  const mean = logs.reduce((a, b) => a + b, 0) / logs.length;
  const sd = Math.sqrt(logs.reduce((a, b) => a + (b - mean) ** 2, 0) / Math.max(1, logs.length - 1));
  const margin = (2 * sd) / Math.sqrt(logs.length);
  return {
    mean: Math.exp(mean), low: Math.exp(mean - margin), high: Math.exp(mean + margin),
    pairsForOnePercent: Math.ceil(((2 * sd) / 0.01) ** 2),
  };
}
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

/** A bench's ports: BENCH_DECK_PORT and BENCH_CLUSTER_PORT when set (runs to compare on the same ports), else free ones. */
export async function benchPorts(): Promise<{ deckPort: number; clusterPort: number }> {
  return {
    deckPort: Number(process.env.BENCH_DECK_PORT) || await reservePorts(1),
    clusterPort: Number(process.env.BENCH_CLUSTER_PORT) || await pairPorts(),
  };
}

/** A pair and a sidecar (the tests' testStack) with what the benches time: a run through HTTP, psql as a process. */
export async function benchEnv(snippets: Snippet[], backend: BackendKind = 'embedded', basePort?: number): Promise<BenchEnv> {
  const stack = await testStack({ backend, snippets: new Map(snippets.map((s) => [s.id, s])), cluster: basePort ? { basePort } : {} });
  const { cluster, sidecar } = stack;
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
    close: () => stack.cleanup(),
  };
}
