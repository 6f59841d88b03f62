// Demos 3, 5 and 6 through the Cluster interface, on every backend: crash the primary, promote the standby, write on
// both (split brain), rewind the old primary so it streams from the new one on timeline 2; synchronous replication
// on and off; a rebuild; a planned switchover where the old primary follows without a rewind.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../poll';
import { count, nodeOf, sql, testCluster, type TestCluster } from '../test-support';
import { testBackends } from './backends';

describe.each(testBackends())('%s backend: failover and rewind', (backend) => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await testCluster({ backend });
    await t.cluster.up();
    await sql(t.cluster, 'postgres-primary',
      "CREATE TABLE events (id serial PRIMARY KEY, note text); INSERT INTO events (note) SELECT 'before crash ' || g FROM generate_series(1, 1000) g");
    await pollUntil(async () => (await count(t.cluster, 'postgres-standby', 'events')) === 1000, { timeoutMs: 15_000, what: '1000 events on the standby' });
  });

  afterAll(() => t?.cleanup());

  it('crash, promote, split brain, rewind: the old primary streams from the new one on timeline 2', async () => {
    expect((await t.cluster.crash('postgres-primary')).ok).toBe(true);
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-primary').state).toBe('stopped');

    expect((await t.cluster.promote('postgres-standby')).ok).toBe(true);
    const afterPromote = nodeOf((await t.cluster.status()).nodes, 'postgres-standby');
    expect([afterPromote.role, afterPromote.timeline]).toEqual(['primary', 2]);
    await sql(t.cluster, 'postgres-standby', "INSERT INTO events (note) VALUES ('written on the new primary')");

    // split brain: the old primary comes back as a second primary and takes writes of its own
    await t.cluster.start('postgres-primary');
    expect((await t.cluster.status()).nodes.map((n) => n.role)).toEqual(['primary', 'primary']);
    await sql(t.cluster, 'postgres-primary',
      "INSERT INTO events (note) SELECT 'split brain ' || g FROM generate_series(1, 500) g; SELECT pg_switch_wal()");

    const rewound = await t.cluster.rewind('postgres-primary');
    expect(rewound.ok).toBe(true);
    const nodes = (await t.cluster.status()).nodes;
    expect(nodeOf(nodes, 'postgres-standby')).toMatchObject({ role: 'primary', state: 'running', timeline: 2 });
    expect(nodeOf(nodes, 'postgres-primary')).toMatchObject({
      role: 'standby', state: 'running', timeline: 2, upstream: 'postgres-standby', replicationState: 'streaming',
    });
    expect(nodeOf(nodes, 'postgres-primary').slot).toMatchObject({ name: 'primary_slot', active: true });

    // the split-brain rows are gone, the new primary's row arrived
    await pollUntil(async () => (await count(t.cluster, 'postgres-primary', 'events')) === 1001,
      { timeoutMs: 15_000, what: 'the new event on the old primary' });
    const [splitBrain] = await sql<{ n: string }>(t.cluster, 'postgres-primary',
      "SELECT count(*) AS n FROM events WHERE note LIKE 'split brain%'");
    expect(Number(splitBrain?.n)).toBe(0);
  });

  it('turns synchronous replication on and off on the current primary', async () => {
    expect((await t.cluster.setSync(true)).ok).toBe(true);
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-primary').syncState).toBe('sync');
    expect((await t.cluster.setSync(false)).ok).toBe(true);
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-primary').syncState).toBe('async');
  });

  it('rebuilds a standby from a fresh base backup, which then streams again', async () => {
    await sql(t.cluster, 'postgres-standby', "INSERT INTO events (note) VALUES ('before rebuild')");
    expect((await t.cluster.rebuild('postgres-primary')).ok).toBe(true);
    expect(await count(t.cluster, 'postgres-primary', 'events')).toBe(1002);
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-primary'))
      .toMatchObject({ role: 'standby', upstream: 'postgres-standby', replicationState: 'streaming' });
    // rewinding the only primary makes no sense and says why
    await expect(t.cluster.rewind('postgres-standby')).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('planned switchover: clean stop, promote, and the old primary follows without a rewind', async () => {
    // now postgres-standby is the primary and postgres-primary its standby; swap them back
    await t.cluster.stop('postgres-standby');
    await t.cluster.promote('postgres-primary');
    const followed = await t.cluster.follow('postgres-standby', 'postgres-primary');
    expect(followed).toMatchObject({ ok: true, detail: 'postgres-standby streams from postgres-primary' });
    const nodes = (await t.cluster.status()).nodes;
    expect(nodeOf(nodes, 'postgres-primary')).toMatchObject({ role: 'primary', timeline: 3 });
    expect(nodeOf(nodes, 'postgres-standby')).toMatchObject({
      role: 'standby', upstream: 'postgres-primary', replicationState: 'streaming', timeline: 3,
    });
    expect(nodeOf(nodes, 'postgres-standby').slot?.name).toBe('standby_slot');
  });
});
