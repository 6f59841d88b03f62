# title: Heal the network: the standby reconnects and catches up by itself
# note: not in the seed

pgdemo-net heal postgres-standby

# wait (up to 30 s) until the standby has the partition's rows: its walreceiver connects again (it retries every
# wal_retrieve_retry_interval) and streams what it missed through its slot
for i in $(seq 300); do
  [ "$(docker exec postgres-standby psql -U postgres -Atc 'SELECT count(*) FROM network_test')" = \
    "$(docker exec postgres-primary psql -U postgres -Atc 'SELECT count(*) FROM network_test')" ] && break
  sleep 0.1
done

# PRIMARY and STANDBY: the same count again
docker exec postgres-primary psql -U postgres -Atc "SELECT 'primary: ' || count(*) FROM network_test;"
docker exec postgres-standby psql -U postgres -Atc "SELECT 'standby: ' || count(*) FROM network_test;"

# PRIMARY: a new walsender — a new replication connection, not the old one resumed
cat ~/walsender-before
echo "walsender after the heal: pid $(docker exec postgres-primary psql -U postgres -tAc 'SELECT pid FROM pg_stat_replication')"
