// Demos 3, 5 and 6 on real servers: crash the primary, promote the standby, write on both (split brain), pg_rewind
// the old primary so it streams from the new one on timeline 2; then synchronous replication on and off.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { count, eventually, nodeOf, sql, testCluster, type TestCluster } from './test-support';

let t: TestCluster;

beforeAll(async () => {
  t = await testCluster(55410);
  await t.cluster.up();
  await sql(t.cluster, 'postgres-primary',
    "CREATE TABLE events (id serial PRIMARY KEY, note text); INSERT INTO events (note) SELECT 'before crash ' || g FROM generate_series(1, 1000) g");
  await eventually(async () => (await count(t.cluster, 'postgres-standby', 'events')) === 1000);
});

afterAll(() => t?.cleanup());

describe('failover and rewind', () => {
  it('crash, promote, split brain, rewind: the old primary streams from the new one on timeline 2', async () => {
    const crashed = await t.cluster.crash('postgres-primary');
    expect(crashed.method).toMatch(/immediate/);
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-primary').state).toBe('stopped');

    const promoted = await t.cluster.promote('postgres-standby');
    expect(promoted.method).toBe('SELECT pg_promote()');
    const afterPromote = nodeOf((await t.cluster.status()).nodes, 'postgres-standby');
    expect([afterPromote.role, afterPromote.timeline]).toEqual(['primary', 2]);
    await sql(t.cluster, 'postgres-standby', "INSERT INTO events (note) VALUES ('written on the new primary')");

    // split brain: the old primary comes back as a second primary and takes writes of its own
    await t.cluster.start('postgres-primary');
    const both = (await t.cluster.status()).nodes;
    expect(both.map((n) => n.role)).toEqual(['primary', 'primary']);
    await sql(t.cluster, 'postgres-primary',
      "INSERT INTO events (note) SELECT 'split brain ' || g FROM generate_series(1, 500) g; SELECT pg_switch_wal()");

    const rewound = await t.cluster.rewind('postgres-primary');
    expect(rewound.method).toBe('pg_rewind');
    expect(rewound.detail).toMatch(/servers diverged/);

    const nodes = (await t.cluster.status()).nodes;
    const oldPrimary = nodeOf(nodes, 'postgres-primary');
    const newPrimary = nodeOf(nodes, 'postgres-standby');
    expect(newPrimary).toMatchObject({ role: 'primary', state: 'running', timeline: 2 });
    expect(oldPrimary).toMatchObject({
      role: 'standby', state: 'running', timeline: 2, upstream: 'postgres-standby', replicationState: 'streaming',
    });
    expect(oldPrimary.slot).toMatchObject({ name: 'primary_slot', active: true });
    const [row] = await sql<{ state: string }>(t.cluster, 'postgres-standby',
      "SELECT state FROM pg_stat_replication WHERE application_name = 'primary'");
    expect(row?.state).toBe('streaming');

    // the split-brain rows are gone, the new primary's row arrived
    await eventually(async () => (await count(t.cluster, 'postgres-primary', 'events')) === 1001);
    const [splitBrain] = await sql<{ n: string }>(t.cluster, 'postgres-primary',
      "SELECT count(*) AS n FROM events WHERE note LIKE 'split brain%'");
    expect(Number(splitBrain?.n)).toBe(0);
  });

  it('turns synchronous replication on and off on the current primary', async () => {
    const syncState = async () => (await sql<{ sync_state: string }>(t.cluster, 'postgres-standby',
      "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'primary'"))[0]?.sync_state;

    const on = await t.cluster.setSync(true);
    expect(on.detail).toMatch(/synchronous_standby_names = 'primary'/);
    expect(await syncState()).toBe('sync');
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-primary').syncState).toBe('sync');

    await t.cluster.setSync(false);
    expect(await syncState()).toBe('async');
  });

  it('rebuilds a standby from a fresh base backup and lets it follow again', async () => {
    await sql(t.cluster, 'postgres-standby', "INSERT INTO events (note) VALUES ('before rebuild')");
    const rebuilt = await t.cluster.rebuild('postgres-primary');
    expect(rebuilt.method).toBe('pg_basebackup');
    expect(rebuilt.detail).toMatch(/streams from postgres-standby/);
    expect(await count(t.cluster, 'postgres-primary', 'events')).toBe(1002);
    // rewinding the only primary makes no sense and says why
    await expect(t.cluster.rewind('postgres-standby')).rejects.toMatchObject({ code: 'INVALID_STATE' });
  });

  it('planned switchover: clean stop, promote, and the old primary follows without a rewind', async () => {
    // now postgres-standby is the primary and postgres-primary its standby; swap them back
    await t.cluster.stop('postgres-standby');
    await t.cluster.promote('postgres-primary');
    const followed = await t.cluster.follow('postgres-standby', 'postgres-primary');
    expect(followed.method).toMatch(/standby.signal/);
    expect(followed.detail).toBe('postgres-standby streams from postgres-primary');
    const nodes = (await t.cluster.status()).nodes;
    expect(nodeOf(nodes, 'postgres-primary')).toMatchObject({ role: 'primary', timeline: 3 });
    expect(nodeOf(nodes, 'postgres-standby')).toMatchObject({
      role: 'standby', upstream: 'postgres-primary', replicationState: 'streaming', timeline: 3,
    });
    expect(nodeOf(nodes, 'postgres-standby').slot?.name).toBe('standby_slot');
  });
});
