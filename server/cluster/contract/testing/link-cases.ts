// The three-node cases of per-link faults and quorum commit, run by topologies.contract.test.ts on its one cluster
// per backend (switched by reset, never rebuilt: the CI budget). Each case resets to the topology it needs.
import { expect } from 'vitest';
import type { NodeName } from '../../../../shared/types';
import { pollUntil } from '../../poll';
import { limitedClient, query } from '../../sql/client';
import { count, nodeOf, sql, type TestCluster } from '../../test-support';

const PRIMARY = 'postgres-primary';
const STANDBY = 'postgres-standby';
const STANDBY2 = 'postgres-standby2';
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

/**
 * How long after its commit on the primary a row is visible on each of `nodes` (ms), polled every ~5 ms on a
 * connection per node opened before the commit (a new connection per poll would blur the arrival by its own setup).
 */
async function arrivalMs(t: TestCluster, table: string, id: number, nodes: NodeName[]): Promise<number[]> {
  const clients = await Promise.all(nodes.map(async (node) => {
    const client = limitedClient(t.cluster.connection(node), { statementMs: 15_000 }, 'link-probe');
    await client.connect();
    return client;
  }));
  try {
    await sql(t.cluster, PRIMARY, `INSERT INTO ${table} VALUES ($1)`, [id]);
    const committed = performance.now();
    return await Promise.all(clients.map(async (client, i) => {
      await pollUntil(async () => (await client.query<{ n: number }>(`SELECT count(*)::int AS n FROM ${table} WHERE id = $1`, [id])).rows[0]!.n === 1,
        { timeoutMs: 15_000, intervalMs: 5, what: `row ${id} on ${nodes[i]}` });
      return performance.now() - committed;
    }));
  } finally {
    await Promise.all(clients.map((client) => client.end().catch(() => undefined)));
  }
}

async function rowsArrive(t: TestCluster, node: NodeName, table: string, rows: number): Promise<void> {
  await pollUntil(async () => (await count(t.cluster, node, table).catch(() => -1)) === rows,
    { timeoutMs: 30_000, what: `${rows} rows of ${table} on ${node}` });
}

/** In a cascade: latency on the middle link delays only standby2; a cut of it stalls standby2 only, heal resumes it. */
export async function cascadeLinkFaults(t: TestCluster, backend: string): Promise<void> {
  expect((await t.cluster.reset('cascade')).ok).toBe(true);
  await sql(t.cluster, PRIMARY, 'CREATE TABLE link_probe (id int)');
  await rowsArrive(t, STANDBY2, 'link_probe', 0);

  const slowed = await t.cluster.setLatency(600, [STANDBY2, STANDBY]);
  expect(slowed.ok).toBe(true);
  expect((await t.cluster.status()).link).toMatchObject({ partitioned: [], latencyMs: 0, links: [{ between: [STANDBY, STANDBY2], cut: false, latencyMs: 600 }] });
  // a new connection starts slow: let standby2's stream pass one round trip first
  await sleep(1_000);
  const runs = [];
  for (let id = 1; id <= 3; id++) runs.push(await arrivalMs(t, 'link_probe', id, [STANDBY, STANDBY2]));
  const [standbyMs, standby2Ms] = [median(runs.map((r) => r[0]!)), median(runs.map((r) => r[1]!))];
  console.log(`${backend}: +600 ms on ${STANDBY} <-> ${STANDBY2}: a row arrives on ${STANDBY} after ${standbyMs.toFixed(0)} ms, on ${STANDBY2} after ${standby2Ms.toFixed(0)} ms (medians of 3)`);
  // the WAL reaches standby2 half a round trip (300 ms) late: the relay delays each direction by half; the margins
  // leave room for a loaded machine's polling (each poll is a new connection)
  expect(standby2Ms).toBeGreaterThanOrEqual(270);
  expect(standby2Ms - standbyMs).toBeGreaterThanOrEqual(200);
  expect((await t.cluster.setLatency(0, [STANDBY, STANDBY2])).ok).toBe(true);
  expect((await t.cluster.status()).link.links ?? []).toEqual([]);

  expect((await t.cluster.partition(STANDBY, STANDBY2)).ok).toBe(true);
  await sql(t.cluster, PRIMARY, 'INSERT INTO link_probe SELECT generate_series(100, 1099)');
  await rowsArrive(t, STANDBY, 'link_probe', 1003);
  await sleep(1_000);
  expect(await count(t.cluster, STANDBY2, 'link_probe')).toBe(3);
  expect(nodeOf((await t.cluster.status()).nodes, STANDBY2)).toMatchObject({ state: 'running', upstream: STANDBY });
  expect((await t.cluster.heal(STANDBY2, STANDBY)).ok).toBe(true);
  await rowsArrive(t, STANDBY2, 'link_probe', 1003);
}

/** With two standbys: a cut of primary <-> standby2 leaves standby streaming; `heal standby2` (no peer) heals the link. */
export async function twoStandbysCut(t: TestCluster): Promise<void> {
  expect((await t.cluster.reset('two-standbys')).ok).toBe(true);
  await sql(t.cluster, PRIMARY, 'CREATE TABLE cut_probe (id int)');
  await rowsArrive(t, STANDBY2, 'cut_probe', 0);
  expect((await t.cluster.partition(PRIMARY, STANDBY2)).ok).toBe(true);
  expect((await t.cluster.status()).link.links).toEqual([{ between: [PRIMARY, STANDBY2], cut: true, latencyMs: 0 }]);
  await sql(t.cluster, PRIMARY, 'INSERT INTO cut_probe SELECT generate_series(1, 1000)');
  await rowsArrive(t, STANDBY, 'cut_probe', 1000);
  await sleep(1_000);
  expect(await count(t.cluster, STANDBY2, 'cut_probe')).toBe(0);
  expect(nodeOf((await t.cluster.status()).nodes, STANDBY)).toMatchObject({ replicationState: 'streaming' });

  const healed = await t.cluster.heal(STANDBY2);
  expect(healed).toMatchObject({ ok: true, detail: expect.stringMatching(/every link of postgres-standby2 is whole again/) });
  expect((await t.cluster.status()).link).toEqual({ partitioned: [], latencyMs: 0 });
  await rowsArrive(t, STANDBY2, 'cut_probe', 1000);
}

/**
 * One INSERT on the primary, on its own connection: resolves once the commit returns. While it waits for standbys
 * that do not confirm, its backend shows wait_event SyncRep (what `waitsForSync` looks for).
 */
function commit(t: TestCluster, id: number): { done: Promise<void>; settled: () => boolean } {
  let settled = false;
  const done = query(t.cluster.connection(PRIMARY), PRIMARY, 'INSERT INTO quorum_probe VALUES ($1)', [id], { statementMs: 60_000 })
    .then(() => void (settled = true));
  done.catch(() => undefined);
  return { done, settled: () => settled };
}

async function waitsForSync(t: TestCluster, pending: { settled: () => boolean }): Promise<void> {
  await pollUntil(async () => (await sql<{ n: number }>(t.cluster, PRIMARY,
    "SELECT count(*)::int AS n FROM pg_stat_activity WHERE wait_event = 'SyncRep'"))[0]!.n > 0,
  { timeoutMs: 10_000, what: 'a commit waiting for synchronous replication' });
  await sleep(1_000);
  expect(pending.settled()).toBe(false);
}

/** ANY 1 (standby, standby2): one frozen, commits go on; both frozen, they wait. FIRST 1: the first one frozen, they wait. */
export async function quorumCommit(t: TestCluster): Promise<void> {
  expect((await t.cluster.reset('two-standbys')).ok).toBe(true);
  await sql(t.cluster, PRIMARY, 'CREATE TABLE quorum_probe (id int)');
  const any = await t.cluster.setSync(true, { method: 'any', num: 1, nodes: [STANDBY, STANDBY2] });
  expect(any).toMatchObject({ ok: true, detail: expect.stringMatching(/ANY 1 \(standby, standby2\).*standby as quorum, standby2 as quorum/) });
  expect((await t.cluster.status()).nodes.map((n) => n.syncState)).toEqual([null, 'quorum', 'quorum']);

  expect((await t.cluster.freeze(STANDBY)).ok).toBe(true);
  await commit(t, 1).done;
  expect((await t.cluster.freeze(STANDBY2)).ok).toBe(true);
  const bothFrozen = commit(t, 2);
  await waitsForSync(t, bothFrozen);
  expect((await t.cluster.thaw(STANDBY2)).ok).toBe(true);
  await bothFrozen.done;
  expect((await t.cluster.thaw(STANDBY)).ok).toBe(true);

  const first = await t.cluster.setSync(true, { method: 'first', num: 1, nodes: [STANDBY, STANDBY2] });
  expect(first).toMatchObject({ ok: true, detail: expect.stringMatching(/standby as sync, standby2 as potential/) });
  expect((await t.cluster.freeze(STANDBY2)).ok).toBe(true);
  await commit(t, 3).done;
  expect((await t.cluster.thaw(STANDBY2)).ok).toBe(true);
  expect((await t.cluster.freeze(STANDBY)).ok).toBe(true);
  const firstFrozen = commit(t, 4);
  await waitsForSync(t, firstFrozen);
  expect((await t.cluster.thaw(STANDBY)).ok).toBe(true);
  await firstFrozen.done;
  expect(await count(t.cluster, PRIMARY, 'quorum_probe')).toBe(4);

  await expect(t.cluster.setSync(true, { method: 'any', num: 1, nodes: [PRIMARY] })).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  expect((await t.cluster.setSync(false)).ok).toBe(true);
}
