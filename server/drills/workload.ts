// What the drills do on the pair besides settings: the nodes' roles at a drill's start (a reset pair), tables of an
// "application", and a writer that commits every 200 ms, as the application the candidate is paged about would.
import type { NodeName } from '../../shared/types';
import type { Cluster } from '../cluster/cluster';
import { pollUntil } from '../cluster/poll';
import { sql } from '../cluster/sql/client';
import type { DrillContext } from './types';

/** A drill starts from a reset pair: these are its roles. */
export const PRIMARY: NodeName = 'postgres-primary';
export const STANDBY: NodeName = 'postgres-standby';

/** Whether `table` is visible on `node` (replayed, on a standby). */
export async function tableVisible(cluster: Pick<Cluster, 'connection'>, node: NodeName, table: string): Promise<boolean> {
  const [row] = await sql<{ present: boolean }>(cluster, node, 'SELECT to_regclass($1) IS NOT NULL AS present', [table]);
  return row!.present;
}

/** CREATE TABLE `name` AS `select` on the primary, and waits until the standby has replayed it. */
export async function replicatedTable(ctx: DrillContext, name: string, select: string): Promise<void> {
  await sql(ctx.cluster, PRIMARY, `CREATE TABLE ${name} AS ${select}`);
  await pollUntil(() => tableVisible(ctx.cluster, STANDBY, name),
    { timeoutMs: 10_000, intervalMs: 20, what: `${name} to reach the standby` });
}

/**
 * An application session on the primary that inserts into `table` and commits every 200 ms, until ended (a DO block
 * may COMMIT since PostgreSQL 11). The table must exist: under a synchronous_standby_names fault its CREATE would hang.
 */
export function startWriter(ctx: DrillContext, table: string, applicationName: string): Promise<void> {
  return ctx.held.start(PRIMARY, applicationName,
    `DO $$ BEGIN LOOP INSERT INTO ${table} DEFAULT VALUES; COMMIT; PERFORM pg_sleep(0.2); END LOOP; END $$`);
}

export const WRITER_TABLE_SQL = (table: string) => `CREATE TABLE ${table} (id bigserial PRIMARY KEY, at timestamptz NOT NULL DEFAULT now())`;

/** The drill's own timeouts on both nodes, so a cut link is noticed in seconds, not a minute (reset by the drill's end). */
export const DRILL_SETTINGS = { wal_sender_timeout: '3s', wal_receiver_timeout: '3s', wal_retrieve_retry_interval: '1s' } as const;

/** Waits until a held session named `applicationName` runs its statement on `node`. */
export async function waitForActive(ctx: DrillContext, node: NodeName, applicationName: string): Promise<void> {
  await pollUntil(async () => (await sql(ctx.cluster, node,
    "SELECT 1 FROM pg_stat_activity WHERE application_name = $1 AND state = 'active'", [applicationName])).length > 0,
  { timeoutMs: 5_000, intervalMs: 20, what: `${applicationName} to run on ${node}` });
}
