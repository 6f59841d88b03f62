-- title: Scene: the nightly batch job reloads the report table on the primary
-- node: postgres-primary
-- note: not in the seed; TRUNCATE takes an ACCESS EXCLUSIVE lock, which the standby must replay, so replay waits for the report

BEGIN;
TRUNCATE daily_report;
INSERT INTO daily_report
SELECT g, g % 20, round((random() * 500)::numeric, 2)
FROM generate_series(1, 300000) g;
COMMIT;

SELECT 
    application_name,
    pg_size_pretty(pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn)) AS behind
FROM pg_stat_replication;
