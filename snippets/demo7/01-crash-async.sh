# title: Asynchronous standby: crash the primary mid-load, promote, count
# note: not in the seed, whose zero-loss claims are measured nowhere: each run starts from a fresh pair (pgdemo-reset), so Run again gives another sample
# timeout: 3m

pgdemo-reset
docker exec postgres-primary psql -U postgres -qc "CREATE TABLE acked (id int PRIMARY KEY)"
SYNC_STATE=$(docker exec postgres-primary psql -U postgres -tAc "SELECT sync_state FROM pg_stat_replication")

# THE APPLICATION (a client beside the standby): one commit per row, as fast as the primary takes them; psql prints
# an id only once the primary has acknowledged its commit
: > ~/acked                       # the log of acknowledged ids starts empty
seq 200000 | sed 's/.*/INSERT INTO acked VALUES (&) RETURNING id;/' \
  | docker exec -i postgres-standby psql -h postgres-primary -U postgres -qtA > ~/acked 2> ~/writer-said &
WRITER=$!

# THE PRIMARY DIES mid-load, after 2000 acknowledged commits: no shutdown, as when a machine loses power
until [ "$(wc -l < ~/acked)" -ge 2000 ] || ! kill -0 $WRITER 2> /dev/null; do sleep 0.01; done
docker kill postgres-primary
wait

# FAILOVER: promote the standby and compare what it has with what the application was told
docker exec postgres-standby pg_ctl promote -D /var/lib/postgresql/data > /dev/null
docker exec postgres-standby psql -U postgres -tAc "SELECT id FROM acked" | sort > ~/survived
sort ~/acked > ~/acked-sorted
comm -23 ~/acked-sorted ~/survived | sort -n > ~/lost
echo "the standby during the load: ${SYNC_STATE:-not streaming}"
echo "acknowledged commits:    $(wc -l < ~/acked)"
echo "on the promoted standby: $(comm -12 ~/acked-sorted ~/survived | wc -l)"
echo "lost:                    $(wc -l < ~/lost)   $(head -5 ~/lost | paste -sd ' ' -)"
echo "the application was told: $(tail -1 ~/writer-said)"
