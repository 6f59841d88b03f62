# title: Cascading: latency on the middle link delays only standby2
# step: 3
# timeout: 60s
# note: not in the seed: `pgdemo-net delay 600` on the link postgres-standby → postgres-standby2 only (pgdemo-net delay on one link); a row's arrival is timed on each standby by a session that waits for it there

pgdemo-net delay 600 postgres-standby postgres-standby2

docker exec postgres-primary psql -U postgres -qc "CREATE TABLE pings (id int PRIMARY KEY)"
until [ "$(docker exec postgres-standby2 psql -U postgres -tAc "SELECT to_regclass('pings') IS NOT NULL")" = t ]; do sleep 0.05; done
# a session on the standby that waits until row $2 is visible there, then prints that moment (every node reads the
# same machine clock, so the moments compare)
seen_at() {
  docker exec $1 psql -U postgres -qtA \
    -c "DO \$\$ BEGIN WHILE NOT EXISTS (SELECT 1 FROM pings WHERE id = $2) LOOP PERFORM pg_sleep(0.002); END LOOP; END \$\$" \
    -c "SELECT extract(epoch FROM clock_timestamp())"
}
for round in 1 2 3; do
  seen_at postgres-standby $round > ~/at-standby &
  seen_at postgres-standby2 $round > ~/at-standby2 &
  sleep 0.5   # both sessions are waiting before the row is written
  written=$(docker exec postgres-primary psql -U postgres -qtA -c "SELECT extract(epoch FROM clock_timestamp())" -c "INSERT INTO pings VALUES ($round)")
  wait
  awk -v r=$round -v w="$written" -v a="$(cat ~/at-standby)" -v b="$(cat ~/at-standby2)" \
    'BEGIN { printf "row %d visible on postgres-standby after %.0f ms, on postgres-standby2 after %.0f ms\n", r, (a - w) * 1000, (b - w) * 1000 }'
done

pgdemo-net delay 0 postgres-standby postgres-standby2
