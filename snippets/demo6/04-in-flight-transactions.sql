-- title: Wait for in-flight transactions
-- node: postgres-primary
-- step: 4

SELECT 
    count(*) AS active_transactions,
    max(age(clock_timestamp(), xact_start)) AS oldest_xact_age
FROM pg_stat_activity
WHERE state IN ('active', 'idle in transaction')
  AND pid != pg_backend_pid();
