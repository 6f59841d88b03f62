// `down`, then `up`, from every state a demo can leave: roles swapped with both streaming (Demo 3's rebuilt old
// primary, under the seed's own application_name), a split brain, a stopped node, a frozen one. up reattaches to each
// as it is — nothing is repaired, nothing is reset — and says it reached its goal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { NodeName } from '../../../shared/types';
import { pollUntil } from '../poll';
import { nodeOf, sql, testCluster, type TestCluster } from '../test-support';
import { testBackends } from './backends';

describe.each(testBackends())('%s backend: up after down reattaches to what a demo left', (backend) => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await testCluster({ backend });
    await t.cluster.up();
  });

  afterAll(() => t?.cleanup());

  async function downAndUp(): Promise<void> {
    expect((await t.cluster.down()).ok).toBe(true);
    expect((await t.cluster.status()).nodes.map((n) => n.state)).toEqual(['stopped', 'stopped']);
    const report = await t.cluster.up();
    expect(report, report.detail).toMatchObject({ ok: true });
    expect((await t.cluster.status()).problem).toBeUndefined();
  }

  async function expectStreaming(standby: NodeName, upstream: NodeName): Promise<void> {
    const nodes = (await t.cluster.status()).nodes;
    expect(nodeOf(nodes, upstream)).toMatchObject({ role: 'primary', state: 'running' });
    expect(nodeOf(nodes, standby)).toMatchObject({ role: 'standby', state: 'running', upstream, replicationState: 'streaming' });
  }

  it('roles swapped, both streaming: the old primary rebuilt as the new one\'s standby, named as the seed names it', async () => {
    await t.cluster.crash('postgres-primary');
    await t.cluster.promote('postgres-standby');
    expect((await t.cluster.rebuild('postgres-primary')).ok).toBe(true);
    // Demo 3 rebuilds it with pg_basebackup -R and `application_name=old_primary`
    const [row] = await sql<{ conninfo: string }>(t.cluster, 'postgres-primary',
      "SELECT current_setting('primary_conninfo') AS conninfo");
    const conninfo = row!.conninfo.replace(/application_name=\S+/, 'application_name=old_primary');
    await sql(t.cluster, 'postgres-primary', `ALTER SYSTEM SET primary_conninfo = '${conninfo}'`);
    await sql(t.cluster, 'postgres-primary', 'SELECT pg_reload_conf()');
    await pollUntil(async () => (await sql(t.cluster, 'postgres-standby',
      "SELECT 1 FROM pg_stat_replication WHERE application_name = 'old_primary' AND state = 'streaming'")).length === 1,
    { timeoutMs: 10_000, what: 'the old primary to stream as old_primary' });
    await expectStreaming('postgres-primary', 'postgres-standby');

    await downAndUp();
    await expectStreaming('postgres-primary', 'postgres-standby');
  });

  it('diverged: two primaries, both written (split brain)', async () => {
    expect((await t.cluster.reset()).ok).toBe(true);
    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE split (id int)');
    await pollUntil(async () => (await sql(t.cluster, 'postgres-standby', "SELECT to_regclass('split') AS t"))[0]?.t !== null,
      { timeoutMs: 10_000, what: 'the table split on the standby' });
    await t.cluster.crash('postgres-primary');
    await t.cluster.promote('postgres-standby');
    await t.cluster.start('postgres-primary');
    await sql(t.cluster, 'postgres-primary', 'INSERT INTO split VALUES (1)');
    await sql(t.cluster, 'postgres-standby', 'INSERT INTO split VALUES (2)');

    await downAndUp();
    const nodes = (await t.cluster.status()).nodes;
    expect(nodes.map((n) => [n.role, n.state])).toEqual([['primary', 'running'], ['primary', 'running']]);
    expect(nodeOf(nodes, 'postgres-standby').timeline).toBe(2);
  });

  it('one node stopped', async () => {
    expect((await t.cluster.reset()).ok).toBe(true);
    await t.cluster.stop('postgres-primary');
    await downAndUp();
    await expectStreaming('postgres-standby', 'postgres-primary');
  });

  it('a node frozen', async () => {
    expect((await t.cluster.reset()).ok).toBe(true);
    await t.cluster.freeze('postgres-primary');
    await downAndUp();
    await expectStreaming('postgres-standby', 'postgres-primary');
  });
});
