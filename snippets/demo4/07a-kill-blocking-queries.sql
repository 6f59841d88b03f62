-- title: Fix 1: kill blocking queries on the standby
-- node: postgres-standby
-- step: 7

-- Find blocking queries
SELECT 
    pid,
    query_start,
    state,
    query
FROM pg_stat_activity
WHERE state = 'active'
  AND age(clock_timestamp(), query_start) > interval '1 minute';

-- Kill them (replace <PID> with actual PID)
-- SELECT pg_cancel_backend(<PID>);
