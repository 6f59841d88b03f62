-- title: Confirm the problem
-- node: postgres-primary
-- step: 1
-- note: adds a second query with the LSNs the seed's talking point relies on: write/flush (what the standby received) against replay (what it applied)

SELECT 
    application_name,
    state,
    pg_size_pretty(pg_wal_lsn_diff(sent_lsn, replay_lsn)) AS lag_size,
    replay_lag,
    write_lag,
    flush_lag,
    sync_state
FROM pg_stat_replication;

-- Received, or applied? The positions behind those lags
SELECT 
    sent_lsn,
    write_lsn,
    flush_lsn,
    replay_lsn,
    pg_size_pretty(pg_wal_lsn_diff(sent_lsn, flush_lsn)) AS sent_not_flushed,
    pg_size_pretty(pg_wal_lsn_diff(flush_lsn, replay_lsn)) AS flushed_not_replayed
FROM pg_stat_replication;
