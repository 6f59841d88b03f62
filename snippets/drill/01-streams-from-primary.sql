-- title: Who streams from the primary, and how far behind
-- node: postgres-primary

SELECT
    application_name,
    state,
    sync_state,
    pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), flush_lsn)) AS not_flushed,
    pg_size_pretty(pg_wal_lsn_diff(flush_lsn, replay_lsn)) AS flushed_not_replayed,
    write_lag,
    flush_lag,
    replay_lag,
    backend_xmin
FROM pg_stat_replication;
