-- title: Show current healthy state
-- node: postgres-primary
-- step: 1

SELECT 
    application_name,
    state,
    sync_state,
    pg_wal_lsn_diff(sent_lsn, replay_lsn) AS lag_bytes
FROM pg_stat_replication;
