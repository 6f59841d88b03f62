# title: Cascading: freeze the middle node, standby2 stalls too
# step: 3
# timeout: 60s
# note: not in the seed: postgres-standby2's only source is the middle node; while it is frozen, nothing new reaches standby2, however healthy the primary is

docker pause postgres-standby
docker exec postgres-primary psql -U postgres -qc "CREATE TABLE cascade_rows AS SELECT g AS id FROM generate_series(1, 10000) g"
sleep 2
echo "2 s later, with postgres-standby frozen:"
echo "  primary at:                     $(docker exec postgres-primary psql -U postgres -tAc "SELECT pg_current_wal_lsn()")"
echo "  postgres-standby2 received up to: $(docker exec postgres-standby2 psql -U postgres -tAc "SELECT pg_last_wal_receive_lsn()")"
echo "  postgres-standby2 sees the new table: $(docker exec postgres-standby2 psql -U postgres -tAc "SELECT to_regclass('cascade_rows') IS NOT NULL")"

docker unpause postgres-standby
started=$(date +%s.%N)
until [ "$(docker exec postgres-standby2 psql -U postgres -tAc "SELECT to_regclass('cascade_rows') IS NOT NULL")" = t ]; do sleep 0.01; done
echo "after the thaw, postgres-standby2 has the table $(awk -v a=$started -v b=$(date +%s.%N) 'BEGIN { printf "%.0f", (b - a) * 1000 }') ms later: $(docker exec postgres-standby2 psql -U postgres -tAc "SELECT count(*) FROM cascade_rows") rows"
