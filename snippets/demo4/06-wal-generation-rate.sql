-- title: Analyze WAL generation rate
-- node: postgres-primary
-- step: 6

WITH wal_metrics AS (
    SELECT 
        pg_current_wal_lsn() AS current_lsn,
        pg_walfile_name(pg_current_wal_lsn()) AS current_wal_file
)
SELECT * FROM wal_metrics;

-- Check WAL size over last minute
SELECT 
    pg_size_pretty(
        pg_wal_lsn_diff(
            pg_current_wal_lsn(),
            '0/0'
        )
    ) AS total_wal_generated;
