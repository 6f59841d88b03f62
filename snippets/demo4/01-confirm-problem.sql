-- title: Confirm the problem
-- node: postgres-primary
-- step: 1

SELECT 
    application_name,
    state,
    pg_size_pretty(pg_wal_lsn_diff(sent_lsn, replay_lsn)) AS lag_size,
    replay_lag,
    write_lag,
    flush_lag,
    sync_state
FROM pg_stat_replication;
