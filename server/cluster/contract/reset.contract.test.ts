// reset from every state the contract suite can reach through the interface — frozen, crashed, split brain, a cut
// and slowed link — back to a fresh streaming pair with a whole link; up reattaches; down stops everything.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ClusterStatus } from '../../../shared/types';
import { nodeOf, sql, tableExists, testCluster, type TestCluster } from '../test-support';
import { testBackends } from './backends';

function expectFreshPair(status: ClusterStatus): void {
  expect(nodeOf(status.nodes, 'postgres-primary')).toMatchObject({ role: 'primary', state: 'running', timeline: 1 });
  const standby = nodeOf(status.nodes, 'postgres-standby');
  expect(standby).toMatchObject({
    role: 'standby', state: 'running', timeline: 1, upstream: 'postgres-primary', replicationState: 'streaming',
  });
  expect(standby.slot).toMatchObject({ name: 'standby_slot', active: true });
  expect(status.link).toMatchObject({ partitioned: [], latencyMs: 0 });
}

describe.each(testBackends())('%s backend: reset', (backend) => {
  let t: TestCluster;
  const resetTimes: number[] = [];

  beforeAll(async () => {
    t = await testCluster({ backend });
    await t.cluster.up();
  });

  afterAll(async () => {
    console.log(`${backend} reset durations (ms): ${resetTimes.join(', ')}`);
    await t?.cleanup();
  });

  async function resetAndCheck(table: string): Promise<void> {
    const report = await t.cluster.reset();
    expect(report.ok).toBe(true);
    resetTimes.push(report.durationMs);
    expectFreshPair(await t.cluster.status());
    for (const node of ['postgres-primary', 'postgres-standby'] as const) {
      expect(await tableExists(t.cluster, node, table)).toBe(false);
    }
  }

  it('from a frozen pair', async () => {
    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE demo_frozen (id int)');
    await t.cluster.freeze('postgres-primary');
    await t.cluster.freeze('postgres-standby');
    await resetAndCheck('demo_frozen');
  });

  it('from a crashed primary', async () => {
    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE demo_crashed (id int)');
    await t.cluster.crash('postgres-primary');
    await resetAndCheck('demo_crashed');
  });

  it('from a split brain (two primaries, both written)', async () => {
    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE demo_split (id int)');
    await t.cluster.crash('postgres-primary');
    await t.cluster.promote('postgres-standby');
    await t.cluster.start('postgres-primary');
    await sql(t.cluster, 'postgres-primary', 'INSERT INTO demo_split VALUES (1)');
    await sql(t.cluster, 'postgres-standby', 'INSERT INTO demo_split VALUES (2)');
    expect((await t.cluster.status()).nodes.map((n) => n.role)).toEqual(['primary', 'primary']);
    await resetAndCheck('demo_split');
  });

  it('from a cut and slowed link', async () => {
    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE demo_link (id int)');
    await t.cluster.setLatency(300);
    await t.cluster.partition('postgres-standby');
    expect((await t.cluster.status()).link).toMatchObject({ partitioned: ['postgres-standby'], latencyMs: 300 });
    await resetAndCheck('demo_link');
  });

  it('up reattaches and starts what is stopped', async () => {
    await t.cluster.stop('postgres-standby');
    const report = await t.cluster.up();
    expect(report.ok).toBe(true);
    expectFreshPair(await t.cluster.status());
    expect((await t.cluster.up()).ok).toBe(true);
  });

  it('down stops both nodes, even a frozen one', async () => {
    await t.cluster.freeze('postgres-standby');
    expect((await t.cluster.down()).ok).toBe(true);
    const status = await t.cluster.status();
    expect(status.up).toBe(false);
    expect(status.nodes.map((n) => n.state)).toEqual(['stopped', 'stopped']);
  });
});
