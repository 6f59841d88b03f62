// Network faults between the nodes, on every backend: a partition cuts replication both ways while both nodes keep
// answering the sidecar; PostgreSQL notices only through its own timeouts; healing lets the standby catch up.
// Added latency lengthens every synchronous commit by the round trip, and leaves asynchronous ones alone.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { pollUntil } from '../poll';
import { count, nodeOf, sql, tableExists, testCluster, type TestCluster } from '../test-support';
import { testBackends } from './backends';

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

describe.each(testBackends())('%s backend: partition and latency', (backend) => {
  let t: TestCluster;

  beforeAll(async () => {
    t = await testCluster({ backend });
    await t.cluster.up();
    // the defaults (60 s) would make the test wait a minute for PostgreSQL to notice the cut
    for (const [node, setting] of [['postgres-primary', 'wal_sender_timeout'], ['postgres-standby', 'wal_receiver_timeout']] as const) {
      await sql(t.cluster, node, `ALTER SYSTEM SET ${setting} = '2s'`);
      await sql(t.cluster, node, 'SELECT pg_reload_conf()');
    }
    await sql(t.cluster, 'postgres-primary', 'CREATE TABLE cut (id int)');
    await pollUntil(async () => tableExists(t.cluster, 'postgres-standby', 'cut'), { timeoutMs: 15_000, what: 'table cut on the standby' });
  });

  afterAll(() => t?.cleanup());

  it('a partition stops replication both ways; both nodes still answer; heal lets the standby catch up', async () => {
    const cut = await t.cluster.partition('postgres-standby');
    expect(cut.ok).toBe(true);
    expect((await t.cluster.status()).link.partitioned).toEqual(['postgres-standby']);

    await sql(t.cluster, 'postgres-primary', 'INSERT INTO cut SELECT generate_series(1, 1000)');
    await new Promise((r) => setTimeout(r, 1_000));
    expect(await count(t.cluster, 'postgres-standby', 'cut')).toBe(0);

    // the primary's walsender gives up after wal_sender_timeout: the standby leaves pg_stat_replication
    const gone = await pollUntil(async () => {
      const standby = nodeOf((await t.cluster.status()).nodes, 'postgres-standby');
      return standby.replicationState === null ? standby : undefined;
    }, { timeoutMs: 20_000, what: 'the standby to stop streaming' });
    expect(gone).toMatchObject({ role: 'standby', state: 'running' });
    expect(gone?.lagBytes).toBeGreaterThan(0);

    const healed = await t.cluster.heal('postgres-standby');
    expect(healed.ok).toBe(true);
    expect((await t.cluster.status()).link.partitioned).toEqual([]);
    await pollUntil(async () => (await count(t.cluster, 'postgres-standby', 'cut')) === 1000, { timeoutMs: 30_000, what: '1000 rows on the standby' });
    await pollUntil(async () => nodeOf((await t.cluster.status()).nodes, 'postgres-standby').replicationState === 'streaming',
      { timeoutMs: 30_000, what: 'the standby to stream again' });
  });

  it('latency lengthens each synchronous commit by the round trip; asynchronous commits do not wait', async () => {
    const commitTimes = async () => {
      const times: number[] = [];
      for (let i = 0; i < 5; i++) {
        const started = performance.now();
        await sql(t.cluster, 'postgres-primary', 'INSERT INTO cut VALUES (0)');
        times.push(performance.now() - started);
      }
      return times;
    };
    expect((await t.cluster.setLatency(200)).ok).toBe(true);
    expect((await t.cluster.status()).link.latencyMs).toBe(200);
    expect((await t.cluster.setSync(true)).ok).toBe(true);
    const sync = await commitTimes();
    expect((await t.cluster.setSync(false)).ok).toBe(true);
    const async = await commitTimes();
    console.log(`${backend}: +200 ms round trip: sync commit median ${median(sync).toFixed(0)} ms, async ${median(async).toFixed(0)} ms`);
    expect(median(sync)).toBeGreaterThanOrEqual(190);
    expect(median(async)).toBeLessThan(100);
    expect((await t.cluster.setLatency(0)).ok).toBe(true);
    expect((await t.cluster.status()).link.latencyMs).toBe(0);
  });

  it('refuses nonsense clearly', async () => {
    await expect(t.cluster.setLatency(-5)).rejects.toMatchObject({ code: 'BAD_REQUEST' });
    expect((await t.cluster.heal('postgres-primary')).detail).toMatch(/was not cut off/);
  });
});
