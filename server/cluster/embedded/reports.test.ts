// Each operation's report names the technique the embedded backend really used (the contract suite checks the
// outcomes): immediate shutdown, pg_promote(), pg_rewind with its own summary, pg_basebackup, standby.signal.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql, testCluster, type TestCluster } from '../test-support';

let t: TestCluster;

beforeAll(async () => {
  t = await testCluster();
  await t.cluster.up();
});

afterAll(() => t?.cleanup());

describe('embedded operation reports', () => {
  it('say how each step was done', async () => {
    expect((await t.cluster.crash('postgres-primary')).method).toMatch(/immediate shutdown/);
    expect((await t.cluster.promote('postgres-standby')).method).toBe('SELECT pg_promote()');
    await t.cluster.start('postgres-primary');
    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE diverged (id int); SELECT pg_switch_wal()');

    const rewound = await t.cluster.rewind('postgres-primary');
    expect(rewound).toMatchObject({ ok: true, method: 'pg_rewind' });
    expect(rewound.detail).toMatch(/servers diverged at .*; postgres-primary streams from postgres-standby/);

    expect((await t.cluster.rebuild('postgres-primary')).method).toBe('pg_basebackup');
    await t.cluster.stop('postgres-standby');
    await t.cluster.promote('postgres-primary');
    expect((await t.cluster.follow('postgres-standby', 'postgres-primary')).method)
      .toBe('standby.signal + primary_conninfo, start');
  });

  it('a partition goes through the link relay in front of each node', async () => {
    expect((await t.cluster.partition('postgres-standby')).method).toMatch(/link relay/);
    await t.cluster.heal('postgres-standby');
  });
});
