-- title: Verify new replication setup
-- node: postgres-standby
-- step: 8

SELECT 
    application_name,
    state,
    sync_state,
    pg_wal_lsn_diff(sent_lsn, replay_lsn) AS lag_bytes
FROM pg_stat_replication;
