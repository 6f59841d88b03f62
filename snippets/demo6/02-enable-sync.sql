-- title: Enable synchronous replication (zero data loss)
-- node: postgres-primary
-- step: 2
-- note: runs statement by statement (like psql -f); the seed's single psql -c string fails: ALTER SYSTEM cannot run inside a transaction block

-- Enable sync replication
ALTER SYSTEM SET synchronous_standby_names = 'standby';
SELECT pg_reload_conf();

-- Wait 5 seconds for change to take effect
SELECT pg_sleep(5);

-- Verify sync is active
SELECT 
    application_name,
    sync_state,
    sync_priority
FROM pg_stat_replication;
