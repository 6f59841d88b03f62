// Most presenters are not root. As root (these machines, CI) the tests can still take that path: `pgdemo` run as an
// ordinary user (here `postgres`) takes the no-switching path: it builds, freezes, crashes, promotes, rewinds, resets
// and stops its own servers.
import { execFile } from 'node:child_process';
import { chown, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { POSTGRES_USER } from '../testing/scratch-servers';
import type { ClusterStatus } from '../../shared/types';
import { commandLinesMentioning, nodeOf, pairPorts } from '../cluster/test-support';

const run = promisify(execFile);
const projectRoot = fileURLToPath(new URL('../..', import.meta.url));
const asRoot = process.getuid?.() === 0;
const CLUSTER_PORT = await pairPorts();
let home: string;

async function pgdemo(...args: string[]): Promise<string> {
  const env = [`PGDEMO_CLUSTER_DIR=${join(home, 'cluster')}`, `PGDEMO_PORT=${CLUSTER_PORT}`, `HOME=${home}`, `PATH=${process.env.PATH}`];
  const { stdout } = await run('runuser', ['-u', 'postgres', '--', 'env', '-i', ...env,
    process.execPath, '--import', 'tsx', 'server/cli/main.ts', 'cluster', ...args], { cwd: projectRoot });
  return stdout;
}

const status = async () => JSON.parse(await pgdemo('status', '--json')) as ClusterStatus;

beforeAll(async () => {
  if (!asRoot) return;
  home = await mkdtemp(join(tmpdir(), 'pgdemo-nonroot-'));
  await chown(home, POSTGRES_USER.uid, POSTGRES_USER.gid);
});

afterAll(async () => {
  if (!asRoot) return;
  await pgdemo('down').catch(() => undefined);
  await rm(home, { recursive: true, force: true });
});

it.skipIf(!asRoot)('an ordinary user runs the whole cycle and leaves nothing behind', async () => {
  await pgdemo('up');
  const up = await status();
  expect(nodeOf(up.nodes, 'postgres-standby')).toMatchObject({ role: 'standby', replicationState: 'streaming' });

  await pgdemo('freeze', 'postgres-standby');
  expect(nodeOf((await status()).nodes, 'postgres-standby').state).toBe('frozen');
  await pgdemo('thaw', 'postgres-standby');
  await pgdemo('crash', 'postgres-primary');
  await pgdemo('promote', 'postgres-standby');
  await pgdemo('rewind', 'postgres-primary');
  const rewound = await status();
  expect(nodeOf(rewound.nodes, 'postgres-primary')).toMatchObject({ role: 'standby', timeline: 2, upstream: 'postgres-standby' });

  await pgdemo('reset');
  expect(nodeOf((await status()).nodes, 'postgres-primary')).toMatchObject({ role: 'primary', timeline: 1 });
  await pgdemo('down');
  expect(await commandLinesMentioning(home)).toEqual([]);
}, 180_000);
