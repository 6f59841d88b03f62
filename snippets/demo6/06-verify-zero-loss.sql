-- title: Verify zero data loss
-- node: postgres-standby
-- step: 6
-- note: the seed's commit counters are per-server statistics, not replicated: they say nothing about data; the second query counts the rows committed on the old primary before the switchover (step 2b's twenty commits)

SELECT 
    xact_commit AS total_commits,
    xact_rollback AS total_rollbacks
FROM pg_stat_database
WHERE datname = 'postgres';

-- The rows the old primary had committed (step 5 printed its count before it stopped)
SELECT count(*) AS rows_from_the_old_primary
FROM commit_cost;
