// What only the embedded backend can meet (the contract suite covers the rest): a half-deleted data folder, a
// postmaster whose pid file was deleted; reset uses the golden copy; down leaves no process, the link relay included.
import { readFile, rm, unlink } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterStatus } from '../../../shared/types';
import { isLive, procInfo } from '../../system/proc';
import { commandLinesMentioning, liveAmong, nodeOf, postgresMentioning, serverTree, sql, tableExists, testCluster, type TestCluster } from '../test-support';

let t: TestCluster;
const resetTimes: number[] = [];

beforeAll(async () => {
  t = await testCluster();
  await t.cluster.up();
});

afterAll(async () => {
  console.log(`reset durations (ms): ${resetTimes.join(', ')}`);
  await t?.cleanup();
});

const pidOf = async (node: string) =>
  Number((await readFile(join(t.stateDir, 'nodes', node, 'postmaster.pid'), 'utf8')).split('\n')[0]);

function expectFreshPair(status: ClusterStatus): void {
  const primary = nodeOf(status.nodes, 'postgres-primary');
  const standby = nodeOf(status.nodes, 'postgres-standby');
  expect(primary).toMatchObject({ role: 'primary', state: 'running', timeline: 1 });
  expect(standby).toMatchObject({
    role: 'standby', state: 'running', timeline: 1, upstream: 'postgres-primary', replicationState: 'streaming',
  });
  expect(standby.slot).toMatchObject({ name: 'standby_slot', active: true });
}

async function resetAndCheck(table: string): Promise<void> {
  const report = await t.cluster.reset();
  expect(report.method).toMatch(/golden copy/);
  resetTimes.push(report.durationMs);
  expectFreshPair(await t.cluster.status());
  for (const node of ['postgres-primary', 'postgres-standby'] as const) {
    expect(await tableExists(t.cluster, node, table)).toBe(false);
  }
}

describe('reset', () => {
  it('from a half-deleted data folder of a running standby', async () => {
    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE demo_deleted (id int)');
    const dataDir = join(t.stateDir, 'nodes', 'postgres-standby');
    await rm(join(dataDir, 'base'), { recursive: true, force: true, maxRetries: 5 });
    await rm(join(dataDir, 'global'), { recursive: true, force: true, maxRetries: 5 });
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-standby').role).toBe('unknown');
    await resetAndCheck('demo_deleted');
  });

  it('from a postmaster whose pid file was deleted while it runs', async () => {
    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE demo_pidfile (id int)');
    const stray = await pidOf('postgres-primary');
    await unlink(join(t.stateDir, 'nodes', 'postgres-primary', 'postmaster.pid'));
    const seen = nodeOf((await t.cluster.status()).nodes, 'postgres-primary');
    expect(seen.state).toBe('running');
    expect(seen.note).toMatch(/postmaster.pid is missing/);
    await resetAndCheck('demo_pidfile');
    expect(isLive(await procInfo(stray))).toBe(false);
  });

  it('up is idempotent and starts what is stopped', async () => {
    await t.cluster.stop('postgres-standby');
    const report = await t.cluster.up();
    expect(report.detail).toMatch(/started postgres-standby/);
    expectFreshPair(await t.cluster.status());
    expect((await t.cluster.up()).detail).toBe('both nodes were running');
  });

  it('down leaves no server process behind, even a frozen one', async () => {
    await t.cluster.freeze('postgres-standby');
    const tree = await serverTree([await pidOf('postgres-primary'), await pidOf('postgres-standby')]);
    expect(tree.length).toBeGreaterThan(8);
    await t.cluster.down();
    expect(await postgresMentioning(t.stateDir)).toEqual([]);
    expect(await commandLinesMentioning(t.stateDir)).toEqual([]); // the link relay too
    expect(await liveAmong(tree)).toEqual([]);
    const status = await t.cluster.status();
    expect(status.up).toBe(false);
    expect(status.nodes.map((n) => n.state)).toEqual(['stopped', 'stopped']);
  });
});
