-- title: Verify standby has critical data
-- node: postgres-standby
-- step: 4
-- note: shows the replayed LSN: pg_walfile_name() (the seed's last_wal_file) fails on a standby with "recovery is in progress"

-- Check if we're still in recovery (read-only)
SELECT pg_is_in_recovery();

-- Verify both orders made it to standby
SELECT 
    id,
    order_number,
    total_amount,
    pg_last_wal_replay_lsn() AS last_replayed_lsn
FROM orders
ORDER BY id;
