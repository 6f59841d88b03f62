-- title: The standby's view: it still answers, with old data
-- node: postgres-standby
-- note: not in the seed: a partitioned standby serves reads (a paused one could not answer at all)

SELECT
    pg_is_in_recovery() AS in_recovery,
    (SELECT count(*) FROM network_test) AS rows_here,
    (SELECT status FROM pg_stat_wal_receiver) AS walreceiver,
    round(extract(epoch FROM now() - pg_last_xact_replay_timestamp())::numeric, 1) AS seconds_since_last_replayed_commit;
