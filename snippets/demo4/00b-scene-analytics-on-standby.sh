# title: Scene: an analyst starts a long report on the standby
# note: not in the seed; someone set max_standby_streaming_delay = -1 so reports are never cancelled (a real misconfiguration)

# STANDBY: reports must never be cancelled... so replay may wait for them forever
docker exec postgres-standby psql -U postgres -c "ALTER SYSTEM SET max_standby_streaming_delay = -1;" -c "SELECT pg_reload_conf();"

# wait (up to 10 s) until the table has reached the standby
for i in $(seq 100); do
  docker exec postgres-standby psql -U postgres -Atc "SELECT to_regclass('daily_report') IS NOT NULL" | grep -q t && break
  sleep 0.1
done

# the report runs in the background (pg_sleep stands in for ten minutes of number crunching)
docker exec postgres-standby bash -c '
setsid psql -U postgres -c "SELECT region, sum(amount), pg_sleep(900) FROM daily_report GROUP BY region" > /dev/null 2>&1 < /dev/null &
'

# show it once it runs
for i in $(seq 100); do
  docker exec postgres-standby psql -U postgres -Atc "SELECT count(*) > 0 FROM pg_stat_activity WHERE query LIKE '%pg_sleep(900)%' AND state = 'active' AND pid <> pg_backend_pid()" | grep -q t && break
  sleep 0.1
done
docker exec postgres-standby psql -U postgres -c "
SELECT pid, state, wait_event, substring(query, 1, 50) AS report
FROM pg_stat_activity
WHERE query LIKE '%pg_sleep(900)%' AND pid <> pg_backend_pid();
"
