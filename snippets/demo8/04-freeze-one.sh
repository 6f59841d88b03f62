# title: ANY 1: freeze one standby, commits go on
# step: 2
# note: not in the seed: postgres-standby is frozen (docker pause), and a commit is timed: standby2's flush is the one it waits for

docker pause postgres-standby
docker exec postgres-primary psql -U postgres -qc "CREATE TABLE payments (id int PRIMARY KEY, amount numeric)"

# PRIMARY: one commit, timed, while postgres-standby is frozen
started=$(date +%s.%N)
docker exec postgres-primary psql -U postgres -qc "INSERT INTO payments VALUES (1, 100)"
echo "commit with postgres-standby frozen: acknowledged in $(awk -v a=$started -v b=$(date +%s.%N) 'BEGIN { printf "%.0f", (b - a) * 1000 }') ms"
echo "on postgres-standby2: $(docker exec postgres-standby2 psql -U postgres -tAc "SELECT count(*) FROM payments WHERE id = 1") row(s) with id 1"
