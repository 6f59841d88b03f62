-- title: Calculate throughput metrics
-- node: postgres-primary
-- step: 4
-- note: computed from the real run (rows, seconds and WAL recorded around step 2's insert), not from the seed's hand-typed time and WAL size; adds the WAL rate as a share of a 1 Gbps link, the seed's utilization claim

WITH metrics AS (
    SELECT 
        after.max_order_id - before.max_order_id AS rows_inserted,
        extract(epoch FROM after.recorded_at - before.recorded_at) AS duration_seconds,
        pg_wal_lsn_diff(after.wal_lsn, before.wal_lsn) / 1024.0 / 1024.0 AS wal_mb_generated
    FROM demo_metrics before, demo_metrics after
    WHERE before.label = 'before_insert' AND after.label = 'after_insert'
)
SELECT 
    round(rows_inserted / duration_seconds, 2) AS rows_per_sec,
    round(wal_mb_generated / duration_seconds, 2) AS wal_mb_per_sec,
    round(rows_inserted / 1000000.0, 2) AS million_rows,
    -- a 1 Gbps link carries 125,000,000 bytes/s
    round(100 * wal_mb_generated * 1024 * 1024 / duration_seconds / 125000000, 1) AS pct_of_1gbps_link
FROM metrics;
