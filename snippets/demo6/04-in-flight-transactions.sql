-- title: Wait for in-flight transactions
-- node: postgres-primary
-- step: 4
-- note: the seed's query also counts the walsender (state active, no transaction), so it never reaches 0; only client backends are counted

SELECT 
    count(*) AS active_transactions,
    max(age(clock_timestamp(), xact_start)) AS oldest_xact_age
FROM pg_stat_activity
WHERE state IN ('active', 'idle in transaction')
  AND backend_type = 'client backend'
  AND pid != pg_backend_pid();
