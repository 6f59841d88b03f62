-- title: Fix 3: enable hot_standby_feedback
-- node: postgres-standby
-- step: 7
-- note: runs statement by statement (like psql -f); the seed's single psql -c string fails: ALTER SYSTEM cannot run inside a transaction block

ALTER SYSTEM SET hot_standby_feedback = on;
SELECT pg_reload_conf();
