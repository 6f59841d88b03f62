-- title: Verify standby has critical data
-- node: postgres-standby
-- step: 4

-- Check if we're still in recovery (read-only)
SELECT pg_is_in_recovery();

-- Verify both orders made it to standby
SELECT 
    id,
    order_number,
    total_amount,
    pg_walfile_name(pg_last_wal_replay_lsn()) AS last_wal_file
FROM orders
ORDER BY id;
