-- title: Verify zero data loss
-- node: postgres-standby
-- step: 6

SELECT 
    xact_commit AS total_commits,
    xact_rollback AS total_rollbacks
FROM pg_stat_database
WHERE datname = 'postgres';
