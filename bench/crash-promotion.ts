// bench:beyond-pair, failover with two standbys: writers commit numbered rows and record each acknowledged id; the
// primary is killed mid-load (kill -9 of every server process; docker kill); the standby with the furthest received
// LSN (pg_last_wal_receive_lsn) is promoted and the other follows it on the new timeline; acknowledged ids missing on
// the new primary are lost commits. One cluster, reset between runs. Under `ANY 1 (standby, standby2)` none may be
// lost; with synchronous_standby_names = '' (async) the same runs show what the bench can see. On loopback both
// standbys have received everything when a kill lands (what a walsender sent reaches them, through the relay and the
// kernel's buffers, even from a dead process), so the runs are repeated with the primary's walsender of one or both
// standbys stalled (SIGSTOP) for the last STALL_MS before the kill: WAL that never left the primary, as behind a slow
// link or a slow standby. Embedded only (the walsenders' pids are the host's).
import type { Cluster } from '../server/cluster/cluster';
import { sql } from '../server/cluster/sql/client';
import { applicationNameOf } from '../server/cluster/naming';
import type { NodeName } from '../shared/types';
import { commitSession, killPrimary, PRIMARY, setStandbyNames, STANDBYS, waitForReplay } from './beyond-pair-support';

const WRITERS = Number(process.env.BENCH_CRASH_WRITERS ?? 4);
/** how long the writers run before the kill: varied per run, so it lands at other moments */
const WRITE_MS = [600, 1_400] as const;
const TABLE = 'bench_failover';
export const STALL_MS = Number(process.env.BENCH_CRASH_STALL_MS ?? 300);

/** Whose walsender on the primary is stalled before the kill: nobody's, one standby's (chosen at random), both. */
export type Stall = 'none' | 'one' | 'both';
/** one id space per writer: writer w commits w * STRIDE + 1, + 2, … */
const STRIDE = 1_000_000;

export interface CrashRun {
  acknowledged: number;
  /** acknowledged ids missing on the promoted standby */
  lost: number;
  /** acknowledged ids missing on the other standby: what promoting it instead would have lost */
  lostHadOtherBeenPromoted: number;
  /** rows on the new primary that no writer saw acknowledged (committed as the primary died) */
  unacknowledgedKept: number;
  promoted: NodeName;
  /** how far the promoted one's received LSN was ahead of the other's, bytes (0: equal) */
  aheadBytes: number;
  /** the other standby followed the new primary on its timeline */
  followed: boolean;
}

/** Commits as fast as it can until the session breaks; every id whose commit returned is acknowledged. */
async function writer(cluster: Cluster, index: number, acknowledged: number[]): Promise<void> {
  const client = await commitSession(cluster, 30_000);
  try {
    for (let i = 1; ; i++) {
      const id = index * STRIDE + i;
      await client.query(`INSERT INTO ${TABLE} (id, pad) VALUES ($1, repeat('x', 200))`, [id]);
      acknowledged.push(id);
    }
  } catch {
    // the primary died under it: the commit in flight is not acknowledged
  } finally {
    await client.end().catch(() => undefined);
  }
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

async function countAmong(cluster: Cluster, node: NodeName, ids: number[]): Promise<number> {
  const [row] = await sql<{ n: string }>(cluster, node, `SELECT count(*) AS n FROM ${TABLE} WHERE id = ANY($1::bigint[])`, [ids]);
  return Number(row!.n);
}

async function receivedLsns(cluster: Cluster): Promise<{ node: NodeName; lsn: string }[]> {
  return Promise.all(STANDBYS.map(async (node) => {
    const [row] = await sql<{ lsn: string }>(cluster, node, 'SELECT pg_last_wal_receive_lsn()::text AS lsn');
    return { node, lsn: row!.lsn };
  }));
}

/** SIGSTOPs the primary's walsenders of `standbys` (the kill that follows ends them with SIGCONT + SIGKILL). */
async function stallWalsenders(cluster: Cluster, standbys: readonly NodeName[]): Promise<void> {
  const rows = await sql<{ pid: number }>(cluster, PRIMARY, 'SELECT pid FROM pg_stat_replication WHERE application_name = ANY($1)',
    [standbys.map(applicationNameOf)]);
  if (rows.length !== standbys.length) throw new Error(`walsenders of ${standbys.join(', ')}: found ${rows.length}`);
  for (const { pid } of rows) process.kill(pid, 'SIGSTOP');
}

/** One run: a fresh two-standbys cluster under `names`, writers, the kill after `stall`, the promotion by LSN, the count. */
export async function crashRun(cluster: Cluster, names: 'ANY 1 (standby, standby2)' | '', stall: Stall): Promise<CrashRun> {
  await cluster.reset('two-standbys');
  await sql(cluster, PRIMARY, `CREATE TABLE ${TABLE} (id bigint PRIMARY KEY, pad text)`);
  await setStandbyNames(cluster, names);
  const acknowledged: number[] = [];
  const writers = Array.from({ length: WRITERS }, (_, w) => writer(cluster, w + 1, acknowledged));
  await sleep(WRITE_MS[0] + Math.random() * (WRITE_MS[1] - WRITE_MS[0]));
  if (stall !== 'none') {
    await stallWalsenders(cluster, stall === 'both' ? STANDBYS : [STANDBYS[Math.floor(Math.random() * 2)]!]);
    await sleep(STALL_MS);
  }
  await killPrimary(cluster);
  await Promise.all(writers);

  // as the standbys have it once the primary is gone; a promotion replays all it received, so counting waits for that
  const lsns = await receivedLsns(cluster);
  const [a, b] = lsns as [typeof lsns[0], typeof lsns[0]];
  const [diff] = await sql<{ bytes: string }>(cluster, a.node, 'SELECT pg_wal_lsn_diff($1::pg_lsn, $2::pg_lsn)::text AS bytes', [a.lsn, b.lsn]);
  const aheadOfB = Number(diff!.bytes);
  const [promoted, other] = aheadOfB >= 0 ? [a.node, b.node] : [b.node, a.node];
  await waitForReplay(cluster, STANDBYS);
  const keptByOther = await countAmong(cluster, other, acknowledged);

  await cluster.promote(promoted);
  const follow = await cluster.follow(other, promoted);
  const kept = await countAmong(cluster, promoted, acknowledged);
  const [all] = await sql<{ n: string }>(cluster, promoted, `SELECT count(*) AS n FROM ${TABLE}`);
  return {
    acknowledged: acknowledged.length,
    lost: acknowledged.length - kept,
    lostHadOtherBeenPromoted: acknowledged.length - keptByOther,
    unacknowledgedKept: Number(all!.n) - kept,
    promoted,
    aheadBytes: Math.abs(aheadOfB),
    followed: follow.ok,
  };
}
