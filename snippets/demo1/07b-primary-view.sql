-- title: The primary's view of the partition
-- node: postgres-primary
-- note: not in the seed: what pg_stat_replication shows for a partitioned standby (the same as for a paused one)

SELECT
    application_name,
    state,
    pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) AS lag_bytes,
    round(extract(epoch FROM now() - reply_time)::numeric, 1) AS seconds_since_reply,
    current_setting('wal_sender_timeout') AS wal_sender_timeout
FROM pg_stat_replication;
