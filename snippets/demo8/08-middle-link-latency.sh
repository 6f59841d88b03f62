# title: Cascading: latency on the middle link delays only standby2
# step: 3
# timeout: 60s
# note: not in the seed: `pgdemo-net delay 600` on the link postgres-standby → postgres-standby2 only (pgdemo-net delay on one link); a row's arrival is timed on each standby

pgdemo-net delay 600 postgres-standby postgres-standby2

docker exec postgres-primary psql -U postgres -qc "CREATE TABLE pings (id int PRIMARY KEY)"
until [ "$(docker exec postgres-standby2 psql -U postgres -tAc "SELECT to_regclass('pings') IS NOT NULL")" = t ]; do sleep 0.05; done
# time from the primary's commit until the row is visible on a standby, in ms
arrival() {
  local started=$(date +%s.%N)
  until [ "$(docker exec $1 psql -U postgres -tAc "SELECT count(*) FROM pings WHERE id = $2")" = 1 ]; do sleep 0.01; done
  awk -v a=$started -v b=$(date +%s.%N) 'BEGIN { printf "%.0f", (b - a) * 1000 }'
}
for round in 1 2 3; do
  docker exec postgres-primary psql -U postgres -qc "INSERT INTO pings VALUES ($round)"
  arrival postgres-standby $round > ~/at-standby &
  arrival postgres-standby2 $round > ~/at-standby2 &
  wait
  echo "row $round visible on postgres-standby after $(cat ~/at-standby) ms, on postgres-standby2 after $(cat ~/at-standby2) ms"
done

pgdemo-net delay 0 postgres-standby postgres-standby2
