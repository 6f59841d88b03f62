-- title: Switch back to async (restore performance)
-- node: postgres-standby
-- step: 9
-- note: runs statement by statement (like psql -f); the seed's single psql -c string fails: ALTER SYSTEM cannot run inside a transaction block

ALTER SYSTEM SET synchronous_standby_names = '';
SELECT pg_reload_conf();

-- Verify back to async
SELECT application_name, sync_state
FROM pg_stat_replication;
