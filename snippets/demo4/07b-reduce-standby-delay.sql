-- title: Fix 2: reduce max_standby_streaming_delay
-- node: postgres-standby
-- step: 7
-- note: runs statement by statement (like psql -f); the seed's single psql -c string fails: ALTER SYSTEM cannot run inside a transaction block

ALTER SYSTEM SET max_standby_streaming_delay = '5s';
SELECT pg_reload_conf();
