-- title: Fix 1, for real: cancel the query that holds the lock replay waits for
-- node: postgres-standby
-- step: 7
-- note: the seed leaves the PID to fill in; this finds it from pg_locks (pg_blocking_pids() does not report the startup process's wait)

SELECT 
    holder.pid,
    age(clock_timestamp(), holder.query_start) AS query_age,
    substring(holder.query, 1, 50) AS query,
    pg_cancel_backend(holder.pid) AS cancelled
FROM pg_stat_activity startup
JOIN pg_locks waiting ON waiting.pid = startup.pid AND NOT waiting.granted
JOIN pg_locks held ON held.relation = waiting.relation AND held.granted AND held.pid <> startup.pid
JOIN pg_stat_activity holder ON holder.pid = held.pid
WHERE startup.backend_type = 'startup';
