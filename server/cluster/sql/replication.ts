// Replication verbs expressed in SQL, so any backend (local processes, containers) can share them.
import { DemoError } from '../../../shared/errors';
import type { NodeConnection } from '../cluster';
import { pollUntil } from '../poll';
import { query, withClient } from './client';

/** A SQL string literal (for ALTER SYSTEM, which takes no parameters). */
export function literal(value: string): string {
  return `'${value.replaceAll("'", "''")}'`;
}

export async function isInRecovery(conn: NodeConnection, label: string): Promise<boolean> {
  const [row] = await query<{ r: boolean }>(conn, label, 'SELECT pg_is_in_recovery() AS r');
  return Boolean(row?.r);
}

export interface StreamingOptions {
  timeoutMs?: number;
  /** also wait for the standby's first feedback (replay_lsn is NULL until then) */
  withReplay?: boolean;
}

/** Waits until `applicationName` shows up as `streaming` in the upstream's pg_stat_replication. */
export async function waitForStreaming(
  upstream: NodeConnection,
  label: string,
  applicationName: string,
  options: StreamingOptions = {},
): Promise<void> {
  const condition = options.withReplay ? "state = 'streaming' AND replay_lsn IS NOT NULL" : "state = 'streaming'";
  await withClient(upstream, label, (client) => pollUntil(async () => {
    const { rowCount } = await client.query(
      `SELECT 1 FROM pg_stat_replication WHERE application_name = $1 AND ${condition}`, [applicationName]);
    return (rowCount ?? 0) > 0;
  }, { timeoutMs: options.timeoutMs ?? 15_000, intervalMs: 10, what: `${applicationName} to stream from ${label}` }),
  { statementMs: (options.timeoutMs ?? 15_000) + 2_000 });
}

/**
 * Waits until the standby's walreceiver streams `timeline`. A standby that follows a promoted node streams the old
 * timeline up to the switch first, then restarts its receiver on the new one: its walsender says "streaming" for the
 * first part and "startup" again a moment later, so seeing "streaming" once is not yet "it follows".
 */
export async function waitForReceivedTimeline(standby: NodeConnection, label: string, timeline: number,
  timeoutMs: number): Promise<void> {
  await withClient(standby, label, (client) => pollUntil(async () => {
    const { rowCount } = await client.query(
      "SELECT 1 FROM pg_stat_wal_receiver WHERE status = 'streaming' AND received_tli = $1", [timeline]);
    return (rowCount ?? 0) > 0;
  }, { timeoutMs, intervalMs: 10, what: `${label} to receive timeline ${timeline}` }),
  { statementMs: timeoutMs + 2_000 });
}

/**
 * Makes sure `slot` exists on the server, reserving WAL from now (a standby cloned or rewound afterwards streams
 * from there). An inactive slot left from an earlier round is recreated so it does not pin old WAL.
 */
export async function ensureSlot(conn: NodeConnection, label: string, slot: string): Promise<'created' | 'kept'> {
  return withClient(conn, label, async (client) => {
    const { rows } = await client.query<{ active: boolean }>(
      'SELECT active FROM pg_replication_slots WHERE slot_name = $1', [slot]);
    if (rows[0]?.active) return 'kept';
    if (rows[0]) await client.query('SELECT pg_drop_replication_slot($1)', [slot]);
    await client.query('SELECT pg_create_physical_replication_slot($1, true)', [slot]);
    return 'created';
  });
}

/** `SELECT pg_promote()` waits (up to 30 s) until the server accepts writes. */
export async function promote(conn: NodeConnection, label: string): Promise<void> {
  const [row] = await query<{ ok: boolean }>(conn, label, 'SELECT pg_promote(true, 30) AS ok', [],
    { statementMs: 35_000 });
  if (!row?.ok) throw new DemoError('OPERATION_FAILED', `${label} did not finish promotion within 30 s.`);
}

/** Points a running standby at another upstream: primary_conninfo is reloadable since PostgreSQL 13. */
export async function setUpstream(conn: NodeConnection, label: string, conninfo: string, slot: string): Promise<void> {
  await withClient(conn, label, async (client) => {
    await client.query(`ALTER SYSTEM SET primary_conninfo = ${literal(conninfo)}`);
    await client.query(`ALTER SYSTEM SET primary_slot_name = ${literal(slot)}`);
    await client.query('SELECT pg_reload_conf()');
  });
}

/**
 * synchronous_standby_names on the primary (`null`: reset, async), then waits until pg_stat_replication shows each
 * connected standby of `expected` (application_name → sync_state) in its state. Returns the connected ones.
 */
export async function setSynchronousStandbyNames(
  primary: NodeConnection,
  label: string,
  value: string | null,
  expected: (connected: string[]) => Map<string, string>,
): Promise<string[]> {
  return withClient(primary, label, async (client) => {
    await client.query(value === null ? 'ALTER SYSTEM RESET synchronous_standby_names'
      : `ALTER SYSTEM SET synchronous_standby_names = ${literal(value)}`);
    await client.query('SELECT pg_reload_conf()');
    const states = async () => new Map((await client.query<{ name: string; sync_state: string }>(
      'SELECT application_name AS name, sync_state FROM pg_stat_replication')).rows.map((r) => [r.name, r.sync_state]));
    const wanted = expected([...(await states()).keys()]);
    if (wanted.size) {
      await pollUntil(async () => {
        const now = await states();
        return [...wanted].every(([name, state]) => now.get(name) === state);
      }, { timeoutMs: 5_000, intervalMs: 10, what: `${[...wanted].map(([n, s]) => `${n} to become ${s}`).join(', ')}` });
    }
    return [...wanted.keys()];
  }, { statementMs: 7_000 });
}
