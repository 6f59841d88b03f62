// When the pair cannot come up (here: the old primary of a diverged pair cannot start), `pgdemo serve` does not exit:
// the sidecar serves, status says why `up` failed, and Reset brings a fresh pair — what a presenter can click.
import { spawn, type ChildProcess } from 'node:child_process';
import { once } from 'node:events';
import { appendFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { createCluster } from '../cluster/factory';
import { pollUntil } from '../cluster/poll';
import { pairPorts } from '../cluster/test-support';
import { readSidecarFile } from '../sidecar/sidecar-file';
import { http } from '../system/http';
import type { ClusterStatus, OperationResponse } from '../../shared/types';

const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
let stateDir: string;
let serve: ChildProcess | undefined;

beforeAll(async () => {
  stateDir = await mkdtemp(join(tmpdir(), 'pgdemo-up-fails-'));
  const cluster = createCluster({ stateDir, basePort: await pairPorts() });
  await cluster.up();
  await cluster.down();
  // the primary cannot start any more: a setting its server does not know
  await appendFile(join(stateDir, 'nodes', 'postgres-primary', 'postgresql.auto.conf'), "no_such_setting = 'on'\n");
  await cluster.close();
});

afterAll(async () => {
  if (serve?.exitCode === null) {
    serve.kill('SIGTERM');
    await once(serve, 'exit');
  }
  const cluster = createCluster({ stateDir });
  await cluster.destroy();
  await cluster.close();
  await rm(stateDir, { recursive: true, force: true });
});

it('serves on with the reason in status, and Reset recovers the pair', async () => {
  let printed = '';
  serve = spawn(process.execPath, ['--import', 'tsx', 'server/cli/main.ts', 'serve'], {
    cwd: projectRoot, env: { ...process.env, PGDEMO_CLUSTER_DIR: stateDir }, stdio: ['ignore', 'pipe', 'pipe'],
  });
  serve.stdout!.on('data', (c: Buffer) => (printed += c.toString()));
  serve.stderr!.on('data', (c: Buffer) => (printed += c.toString()));
  await pollUntil(async () => /The cluster did not come up/.test(printed), { timeoutMs: 60_000, what: 'serve to say the cluster did not come up' });
  expect(printed).toMatch(/The sidecar serves on/);
  expect(serve.exitCode).toBeNull();

  const { url, token } = (await readSidecarFile(stateDir))!;
  const headers = { authorization: `Bearer ${token}` };
  expect((await http(`${url}/api/health`)).status).toBe(200);
  const status = (await http(`${url}/api/cluster`, { headers })).json<ClusterStatus>();
  expect(status.problem).toMatch(/^up failed: .*postgres-primary.*\(Reset builds a fresh pair\)$/s);

  const reset = await http(`${url}/api/cluster/reset`, { body: {}, headers, timeoutMs: 120_000 });
  expect(reset.json<OperationResponse>()).toMatchObject({ ok: true, status: { up: true } });
  const after = (await http(`${url}/api/cluster`, { headers })).json<ClusterStatus>();
  expect(after.problem).toBeUndefined();
  expect(after.nodes.map((n) => [n.role, n.state])).toEqual([['primary', 'running'], ['standby', 'running']]);
});
