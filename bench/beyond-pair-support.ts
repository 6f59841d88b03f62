// What bench/beyond-pair.ts's parts share: synchronous_standby_names set through SQL and waited for, a commit timer
// on its own session, the primary killed as a machine dies. Real servers only (a two-standbys cluster).
import type pg from 'pg';
import type { Cluster } from '../server/cluster/cluster';
import { Layout } from '../server/cluster/embedded/layout';
import { killHard, readPidFile } from '../server/cluster/embedded/postmaster';
import { pollUntil } from '../server/cluster/poll';
import { limitedClient, sql } from '../server/cluster/sql/client';
import type { NodeName } from '../shared/types';

export const PRIMARY: NodeName = 'postgres-primary';
export const STANDBYS: readonly NodeName[] = ['postgres-standby', 'postgres-standby2'];

/** What pg_stat_replication's sync_state of each standby must read once the setting is in force. */
const EXPECTED_STATES: Record<string, [string, string]> = {
  'ANY 1 (standby, standby2)': ['quorum', 'quorum'],
  'FIRST 1 (standby, standby2)': ['sync', 'potential'],
  '': ['async', 'async'],
};

/**
 * ALTER SYSTEM + pg_reload_conf() on the primary, then waits until both walsenders show the sync_state the setting
 * gives (a reload reaches the walsenders a moment later).
 */
export async function setStandbyNames(cluster: Cluster, value: keyof typeof EXPECTED_STATES): Promise<void> {
  await sql(cluster, PRIMARY, `ALTER SYSTEM SET synchronous_standby_names = '${value}'`);
  await sql(cluster, PRIMARY, 'SELECT pg_reload_conf()');
  const wanted = EXPECTED_STATES[value]!;
  await pollUntil(async () => {
    const rows = await sql<{ name: string; state: string }>(cluster, PRIMARY,
      "SELECT application_name AS name, sync_state AS state FROM pg_stat_replication WHERE state = 'streaming' ORDER BY 1");
    return rows.length === 2 && rows.every((r, i) => r.state === wanted[i]);
  }, { timeoutMs: 15_000, intervalMs: 50, what: `synchronous_standby_names = '${value}' in force on both walsenders` });
}

/** A session on the primary for commits that may wait a long time (a quorum that cannot answer). */
export async function commitSession(cluster: Cluster, statementMs = 600_000): Promise<pg.Client> {
  const client = limitedClient(cluster.connection(PRIMARY), { statementMs }, 'pgdemo-bench-commits');
  client.on('error', () => undefined); // a crash of the primary under it
  await client.connect();
  return client;
}

/** Times one small commit (autocommit INSERT), ms. */
export async function timedCommit(client: pg.Client, table: string): Promise<number> {
  const started = performance.now();
  await client.query(`INSERT INTO ${table} DEFAULT VALUES`);
  return performance.now() - started;
}

/** Each standby has replayed all it received: what a promotion would replay anyway, before rows are counted. */
export async function waitForReplay(cluster: Cluster, nodes: readonly NodeName[]): Promise<void> {
  await Promise.all(nodes.map((node) => pollUntil(async () => {
    const [row] = await sql<{ done: boolean }>(cluster, node,
      'SELECT pg_last_wal_replay_lsn() >= pg_last_wal_receive_lsn() AS done');
    return row!.done;
  }, { timeoutMs: 30_000, intervalMs: 20, what: `${node} to replay what it received` })));
}

/**
 * The primary dies as a machine does: SIGKILL of the postmaster and every child at once (embedded), `docker kill`
 * (docker: the cluster's crash is exactly that). Nothing is flushed or sent after it.
 */
export async function killPrimary(cluster: Cluster): Promise<void> {
  if (cluster.backend !== 'embedded') {
    await cluster.crash(PRIMARY);
    return;
  }
  const dataDir = new Layout(cluster.stateDir).dataDir(PRIMARY);
  const pidFile = readPidFile(dataDir);
  if (!pidFile) throw new Error(`${PRIMARY} has no postmaster.pid in ${dataDir}`);
  await killHard(dataDir, [pidFile.pid]);
  await cluster.crash(PRIMARY); // its stale lock files: what the project's crash cleans after a kill
}
