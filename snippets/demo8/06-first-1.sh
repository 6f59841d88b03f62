# title: FIRST 1 (standby, standby2): freeze the first-named
# step: 2
# timeout: 60s
# note: not in the seed: FIRST 1 waits for the first-named standby that is connected and streaming; a frozen one stays listed as streaming until wal_sender_timeout (`60s` by default, `5s` here so the slide can show its end)

docker exec postgres-primary psql -U postgres -c "ALTER SYSTEM SET synchronous_standby_names = 'FIRST 1 (standby, standby2)'"
docker exec postgres-primary psql -U postgres -c "ALTER SYSTEM SET wal_sender_timeout = '5s'"
docker exec postgres-primary psql -U postgres -tAc "SELECT pg_reload_conf()" > /dev/null
for i in $(seq 50); do
  [ "$(docker exec postgres-primary psql -U postgres -tAc "SELECT sync_state FROM pg_stat_replication WHERE application_name = 'standby'")" = sync ] && break
  sleep 0.1
done
docker exec postgres-primary psql -U postgres -c "SELECT application_name, state, sync_priority, sync_state FROM pg_stat_replication ORDER BY 1"

# The first-named standby freezes; postgres-standby2 is healthy. One commit, timed:
docker pause postgres-standby
started=$(date +%s.%N)
docker exec postgres-primary psql -U postgres -qc "INSERT INTO payments VALUES (3, 300)"
echo "commit with postgres-standby frozen under FIRST 1: acknowledged after $(awk -v a=$started -v b=$(date +%s.%N) 'BEGIN { printf "%.1f", b - a }') s"

# PRIMARY: why then — the frozen standby's walsender timed out, and standby2 took its place
docker exec postgres-primary psql -U postgres -c "SELECT application_name, state, sync_priority, sync_state FROM pg_stat_replication ORDER BY 1"
docker exec postgres-primary bash -c 'grep -E "replication timeout|is now a synchronous standby" $PGDEMO_LOG | tail -2 | sed "s/^.*\(LOG: \)/\1/"'

docker unpause postgres-standby
