# title: Read scaling: the same query on both standbys
# step: 1
# note: not in the seed, whose answer to a lagging standby is "add a second standby for read queries": here both answer the same query, each from its own replay position

# PRIMARY: an orders table the application writes to
docker exec postgres-primary psql -U postgres -qc "CREATE TABLE orders AS SELECT g AS id, 'order ' || g AS item FROM generate_series(1, 50000) g"
docker exec postgres-primary psql -U postgres -qc "INSERT INTO orders VALUES (50001, 'the newest order')"

# EACH STANDBY: how long until it has replayed the primary's WAL up to the newest order
LSN=$(docker exec postgres-primary psql -U postgres -tAc "SELECT pg_current_wal_lsn()")
for STANDBY in postgres-standby postgres-standby2; do
  started=$(date +%s.%N)
  until [ "$(docker exec $STANDBY psql -U postgres -tAc "SELECT pg_last_wal_replay_lsn() >= '$LSN'")" = t ]; do sleep 0.01; done
  echo "$STANDBY replayed the newest order $(awk -v a=$started -v b=$(date +%s.%N) 'BEGIN { printf "%.0f", (b - a) * 1000 }') ms after this check began"
done

# EACH STANDBY: the same read-only query, and how far it has replayed the primary's WAL
echo "standby | orders | newest | read_only | replayed_up_to"
echo "postgres-standby | $(docker exec postgres-standby psql -U postgres -tA -F ' | ' -c "SELECT count(*), max(id), pg_is_in_recovery(), pg_last_wal_replay_lsn() FROM orders")"
echo "postgres-standby2 | $(docker exec postgres-standby2 psql -U postgres -tA -F ' | ' -c "SELECT count(*), max(id), pg_is_in_recovery(), pg_last_wal_replay_lsn() FROM orders")"

