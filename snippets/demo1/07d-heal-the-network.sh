# title: Heal the network: the standby catches up by itself
# note: not in the seed

pgdemo-net heal postgres-standby

# wait (up to 30 s) until the standby has the partition's rows
for i in $(seq 300); do
  [ "$(docker exec postgres-standby psql -U postgres -Atc 'SELECT count(*) FROM network_test')" = \
    "$(docker exec postgres-primary psql -U postgres -Atc 'SELECT count(*) FROM network_test')" ] && break
  sleep 0.1
done

# PRIMARY and STANDBY: the same count again
docker exec postgres-primary psql -U postgres -Atc "SELECT 'primary: ' || count(*) FROM network_test;"
docker exec postgres-standby psql -U postgres -Atc "SELECT 'standby: ' || count(*) FROM network_test;"
