// `pgdemo serve` as a real process: killed with -9 it leaves the cluster running; started again it reattaches and
// reports the truth (here: a frozen standby stays frozen, ports and token are the same).
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCluster } from '../cluster/factory';
import { pollUntil } from '../cluster/poll';
import { nodeOf, pairPorts } from '../cluster/test-support';
import { readSidecarFile, type SidecarFile } from '../sidecar/sidecar-file';
import { http } from '../system/http';
import type { ClusterStatus } from '../../shared/types';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const CLUSTER_PORT = await pairPorts();
let stateDir: string;
const children: ChildProcess[] = [];

function startServe(): ChildProcess {
  const child = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'serve'], {
    cwd: projectRoot,
    env: { ...process.env, PGDEMO_CLUSTER_DIR: stateDir, PGDEMO_PORT: String(CLUSTER_PORT) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  children.push(child);
  return child;
}

/** Waits until a sidecar answers at the URL in sidecar.json (a new one once `previousUrl` is given). */
function waitForSidecar(previousUrl?: string): Promise<SidecarFile> {
  return pollUntil(async () => {
    const file = await readSidecarFile(stateDir);
    if (!file || file.url === previousUrl) return undefined;
    return (await http(`${file.url}/api/health`)).status === 200 ? file : undefined;
  }, { timeoutMs: 60_000, intervalMs: 100, what: 'a sidecar to answer at the URL in sidecar.json' });
}

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-serve-'));
});

afterAll(async () => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
  const cluster = createCluster({ stateDir });
  await cluster.down();
  await cluster.close();
  await rm(stateDir, { recursive: true, force: true });
});

it('reattaches after kill -9 and reports the right status', async () => {
  const first = startServe();
  const before = await waitForSidecar();
  const headers = { authorization: `Bearer ${before.token}` };

  const frozen = await http(`${before.url}/api/cluster/freeze`, { body: { node: 'postgres-standby' }, headers });
  expect(frozen.status).toBe(200);
  const statusBefore = (await http(`${before.url}/api/cluster`, { headers })).json<ClusterStatus>();
  expect(nodeOf(statusBefore.nodes, 'postgres-standby').state).toBe('frozen');

  first.kill('SIGKILL');
  await new Promise((resolve) => first.once('exit', resolve));

  startServe();
  const after = await waitForSidecar(before.url);
  expect(after.token).toBe(before.token);
  const status = (await http(`${after.url}/api/cluster`, { headers })).json<ClusterStatus>();
  expect(nodeOf(status.nodes, 'postgres-primary')).toMatchObject({ role: 'primary', state: 'running',
    port: nodeOf(statusBefore.nodes, 'postgres-primary').port });
  expect(nodeOf(status.nodes, 'postgres-standby')).toMatchObject({ state: 'frozen',
    port: nodeOf(statusBefore.nodes, 'postgres-standby').port });
});
