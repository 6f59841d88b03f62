-- title: Check the standby for blocking queries
-- node: postgres-standby
-- step: 3

SELECT 
    pid,
    usename,
    application_name,
    wait_event_type,
    wait_event,
    state,
    age(clock_timestamp(), query_start) AS query_age,
    substring(query, 1, 60) AS query_snippet
FROM pg_stat_activity
WHERE state = 'active'
ORDER BY query_age DESC;
