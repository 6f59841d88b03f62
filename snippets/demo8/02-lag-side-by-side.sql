-- title: Their lag side by side, as the primary sees it
-- node: postgres-primary
-- step: 1
-- note: not in the seed: one row per standby, lag in bytes (LSN differences) and in time; each standby lags on its own

SELECT
    application_name,
    state,
    pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS replay_lag_bytes,
    replay_lag,
    now() - reply_time AS last_reply_age
FROM pg_stat_replication
ORDER BY application_name;
