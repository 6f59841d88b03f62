-- title: Verify the fix
-- node: postgres-primary
-- step: 8

SELECT 
    application_name,
    pg_size_pretty(pg_wal_lsn_diff(sent_lsn, replay_lsn)) AS lag_size,
    replay_lag
FROM pg_stat_replication;
