-- title: Sessions on the standby, and their waits
-- node: postgres-standby

SELECT
    pid,
    coalesce(nullif(application_name, ''), backend_type) AS who,
    state,
    wait_event_type || ': ' || wait_event AS waits_on,
    age(clock_timestamp(), xact_start) AS in_transaction,
    substring(query, 1, 50) AS query
FROM pg_stat_activity
WHERE pid <> pg_backend_pid()
  AND (state IS DISTINCT FROM 'idle' OR backend_type <> 'client backend')
  AND backend_type NOT IN ('checkpointer', 'background writer', 'logical replication launcher', 'autovacuum launcher', 'archiver', 'walwriter')
ORDER BY xact_start NULLS LAST;
