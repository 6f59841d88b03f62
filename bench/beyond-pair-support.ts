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

const STANDBY_NAMES = {
  'ANY 1 (standby, standby2)': { method: 'any', num: 1 },
  'FIRST 1 (standby, standby2)': { method: 'first', num: 1 },
  '': null,
} as const;

/**
 * synchronous_standby_names on the primary through the cluster's own `sync` (ALTER SYSTEM + pg_reload_conf(), then
 * waits until pg_stat_replication shows each standby's sync_state under it); both standbys must be connected.
 */
export async function setStandbyNames(cluster: Cluster, value: keyof typeof STANDBY_NAMES): Promise<void> {
  const quorum = STANDBY_NAMES[value];
  const report = await cluster.setSync(quorum !== null, quorum ? { ...quorum, nodes: [...STANDBYS] } : undefined);
  if (!report.ok) throw new Error(`synchronous_standby_names = '${value}': ${report.detail ?? 'not in force'}`);
  const streaming = await sql(cluster, PRIMARY, "SELECT 1 FROM pg_stat_replication WHERE state = 'streaming'");
  if (streaming.length !== STANDBYS.length) throw new Error(`synchronous_standby_names = '${value}': ${streaming.length} standbys streaming, not ${STANDBYS.length}`);
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
