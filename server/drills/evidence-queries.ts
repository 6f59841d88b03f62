// Evidence several faults share — the same view read the same way — written once; each fault says what it shows there.
import type { SqlEvidence } from './types';
import { PRIMARY, STANDBY } from './workload';

/** The standby's received and replayed positions; the check: something received is not replayed. */
export function replayGap(shows: string): SqlEvidence {
  return {
    kind: 'sql', node: STANDBY, title: 'received vs replayed on the standby', shows,
    sql: `SELECT pg_last_wal_receive_lsn() AS received, pg_last_wal_replay_lsn() AS replayed,
       pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()) AS not_replayed_bytes`,
    check: (rows) => Number(rows[0]?.not_replayed_bytes) > 0,
  };
}

/** What the standby's startup process (replay) waits for. */
export function startupProcess(shows: string, check: SqlEvidence['check']): SqlEvidence {
  return {
    kind: 'sql', node: STANDBY, title: 'the startup process on the standby', shows, check,
    sql: "SELECT pid, backend_type, wait_event_type, wait_event FROM pg_stat_activity WHERE backend_type = 'startup'",
  };
}

/** pg_stat_replication on the primary; the check: no standby is connected. */
export function noStandbyConnected(shows: string): SqlEvidence {
  return {
    kind: 'sql', node: PRIMARY, title: 'pg_stat_replication on the primary', shows,
    sql: 'SELECT application_name, client_addr, state, sync_state, replay_lag FROM pg_stat_replication',
    check: (rows) => rows.length === 0,
  };
}

/** pg_stat_wal_receiver on the standby; the check: no receiver streams. */
export function noReceiverStreaming(shows: string): SqlEvidence {
  return {
    kind: 'sql', node: STANDBY, title: 'pg_stat_wal_receiver on the standby', shows,
    sql: 'SELECT status, sender_host, sender_port, last_msg_receipt_time FROM pg_stat_wal_receiver',
    check: (rows) => !rows.some((r) => r.status === 'streaming'),
  };
}
