-- title: Check what's running on the primary
-- node: postgres-primary
-- step: 2

SELECT 
    pid,
    usename,
    application_name,
    state,
    age(clock_timestamp(), query_start) AS query_age,
    wait_event_type,
    wait_event,
    substring(query, 1, 60) AS query_snippet
FROM pg_stat_activity
WHERE state != 'idle'
ORDER BY query_age DESC
LIMIT 10;
