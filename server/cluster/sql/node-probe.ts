// Everything status needs from one running node, in one round trip. Backend-neutral: takes a connection config.
import type { NodeConnection } from '../cluster';
import { query, type ClientLimits } from './client';
import type { ProbeSessions } from './probe-sessions';

export interface ReplicationRow {
  applicationName: string;
  state: string | null;
  syncState: string | null;
  flushLsn: string | null;
  replayLsn: string | null;
  /** head of this server's WAL minus replay_lsn */
  lagBytes: number | null;
}

export interface SlotRow {
  name: string;
  active: boolean;
  retainedBytes: number | null;
  walStatus: string | null;
}

export interface NodeProbe {
  inRecovery: boolean;
  /** primary: pg_current_wal_lsn(); standby: pg_last_wal_receive_lsn() */
  headLsn: string | null;
  replayLsn: string | null;
  timeline: number | null;
  primaryConninfo: string;
  primarySlotName: string;
  synchronousStandbyNames: string;
  /** pg_stat_wal_receiver.status, null when no walreceiver runs */
  receiverStatus: string | null;
  replication: ReplicationRow[];
  slots: SlotRow[];
}

// Timeline: a primary's from its current WAL file name (pg_control_checkpoint() lags ~7 s behind a promotion);
// a standby's from its walreceiver, else from the last checkpoint it replayed.
const PROBE_SQL = `
WITH head AS (
  SELECT pg_is_in_recovery() AS in_recovery,
         CASE WHEN pg_is_in_recovery() THEN pg_last_wal_receive_lsn() ELSE pg_current_wal_lsn() END AS lsn,
         -- what a slot or a walsender of this node is measured against: on a standby (a cascade's upstream) the
         -- receive position starts at its segment's start until WAL arrives, behind what it already replayed
         CASE WHEN pg_is_in_recovery() THEN greatest(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())
              ELSE pg_current_wal_lsn() END AS end_lsn
)
SELECT head.in_recovery,
       head.lsn::text AS head_lsn,
       CASE WHEN head.in_recovery THEN pg_last_wal_replay_lsn()::text END AS replay_lsn,
       CASE WHEN head.in_recovery
            THEN coalesce((SELECT received_tli FROM pg_stat_wal_receiver),
                          (SELECT timeline_id FROM pg_control_checkpoint()))
            ELSE ('x' || substr(pg_walfile_name(head.lsn), 1, 8))::bit(32)::int END AS timeline,
       current_setting('primary_conninfo') AS primary_conninfo,
       current_setting('primary_slot_name') AS primary_slot_name,
       current_setting('synchronous_standby_names') AS synchronous_standby_names,
       (SELECT status FROM pg_stat_wal_receiver) AS receiver_status,
       coalesce((SELECT json_agg(json_build_object(
           'applicationName', application_name, 'state', state, 'syncState', sync_state,
           'flushLsn', flush_lsn::text, 'replayLsn', replay_lsn::text,
           'lagBytes', pg_wal_lsn_diff(head.end_lsn, replay_lsn)) ORDER BY application_name)
         FROM pg_stat_replication), '[]') AS replication,
       coalesce((SELECT json_agg(json_build_object(
           'name', slot_name, 'active', active,
           'retainedBytes', pg_wal_lsn_diff(head.end_lsn, restart_lsn), 'walStatus', wal_status) ORDER BY slot_name)
         FROM pg_replication_slots WHERE slot_type = 'physical'), '[]') AS slots
FROM head`;

/**
 * On a kept session the probe is a prepared statement: parsing it and expanding pg_stat_replication's and
 * pg_replication_slots' views cost each node ~0.8 ms of CPU per read, about half of what the status feed cost the
 * servers at four reads a second. It has no parameters and calls its functions when executed, so the one plan kept is
 * right for a primary and a standby alike, before and after a promotion.
 */
const PROBE_STATEMENT = 'pgdemo-status-probe';

interface ProbeRow extends Record<string, unknown> {
  in_recovery: boolean;
  head_lsn: string | null;
  replay_lsn: string | null;
  timeline: number | null;
  primary_conninfo: string;
  primary_slot_name: string;
  synchronous_standby_names: string;
  receiver_status: string | null;
  replication: ReplicationRow[];
  slots: SlotRow[];
}

const toNumber = (v: unknown) => (v === null || v === undefined ? null : Number(v));

/** The probe on `sessions`' kept session for the node when given, else on a connection of its own. */
export async function probeNode(conn: NodeConnection, label: string, limits?: ClientLimits, sessions?: ProbeSessions): Promise<NodeProbe> {
  const [row] = sessions
    ? await sessions.query<ProbeRow>(conn, label, { name: PROBE_STATEMENT, text: PROBE_SQL }, limits)
    : await query<ProbeRow>(conn, label, PROBE_SQL, [], limits);
  if (!row) throw new Error(`${label}: the status query returned no row`);
  return {
    inRecovery: row.in_recovery,
    headLsn: row.head_lsn,
    replayLsn: row.replay_lsn,
    timeline: row.timeline,
    primaryConninfo: row.primary_conninfo,
    primarySlotName: row.primary_slot_name,
    synchronousStandbyNames: row.synchronous_standby_names,
    receiverStatus: row.receiver_status,
    replication: row.replication.map((r) => ({ ...r, lagBytes: toNumber(r.lagBytes) })),
    slots: row.slots.map((s) => ({ ...s, retainedBytes: toNumber(s.retainedBytes) })),
  };
}
