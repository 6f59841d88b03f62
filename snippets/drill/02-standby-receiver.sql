-- title: What the standby receives and applies
-- node: postgres-standby

SELECT
    r.status AS receiver,
    r.sender_host,
    pg_last_wal_receive_lsn() AS received,
    pg_last_wal_replay_lsn() AS replayed,
    pg_size_pretty(pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())) AS received_not_replayed,
    pg_get_wal_replay_pause_state() AS replay,
    age(clock_timestamp(), pg_last_xact_replay_timestamp()) AS last_replayed_commit
FROM (SELECT 1) AS one
LEFT JOIN pg_stat_wal_receiver AS r ON true;
