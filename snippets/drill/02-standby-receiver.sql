-- title: What the standby receives and applies
-- node: postgres-standby

SELECT
    r.status AS receiver,
    r.sender_host,
    pg_last_wal_receive_lsn() AS received,
    pg_last_wal_replay_lsn() AS replayed,
    -- right after the standby starts, "received" is the start of the WAL segment it streams from again, which can be
    -- behind what it already replayed from its own pg_wal: then nothing waits to be applied (0), not a negative amount
    pg_size_pretty(GREATEST(0, pg_wal_lsn_diff(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn()))) AS received_not_replayed,
    pg_get_wal_replay_pause_state() AS replay,
    age(clock_timestamp(), pg_last_xact_replay_timestamp()) AS last_replayed_commit
FROM (SELECT 1) AS one
LEFT JOIN pg_stat_wal_receiver AS r ON true;
