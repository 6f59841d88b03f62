# title: Synchronous standby: the same crash, with every commit waiting for the standby
# note: not in the seed; as step 1, with synchronous_standby_names = 'standby' set before the load (Demo 6 step 2's setting)
# timeout: 3m

pgdemo-reset
docker exec postgres-primary psql -U postgres -qc "CREATE TABLE acked (id int PRIMARY KEY)" \
  -c "ALTER SYSTEM SET synchronous_standby_names = 'standby'" -c "SELECT pg_reload_conf()"
# wait until the walsender reports the standby as synchronous
for i in $(seq 100); do
  SYNC_STATE=$(docker exec postgres-primary psql -U postgres -tAc "SELECT sync_state FROM pg_stat_replication")
  [ "$SYNC_STATE" = sync ] && break
  sleep 0.05
done

# THE APPLICATION: as in step 1; a commit is acknowledged only once the standby has flushed it
: > ~/acked                       # the log of acknowledged ids starts empty
seq 200000 | sed 's/.*/INSERT INTO acked VALUES (&) RETURNING id;/' \
  | docker exec -i postgres-standby psql -h postgres-primary -U postgres -qtA > ~/acked 2> ~/writer-said &
WRITER=$!

# THE PRIMARY DIES mid-load, after 2000 acknowledged commits
until [ "$(wc -l < ~/acked)" -ge 2000 ] || ! kill -0 $WRITER 2> /dev/null; do sleep 0.01; done
docker kill postgres-primary
wait

# FAILOVER: promote the standby and compare
docker exec postgres-standby pg_ctl promote -D /var/lib/postgresql/data > /dev/null
docker exec postgres-standby psql -U postgres -tAc "SELECT id FROM acked" | sort > ~/survived
sort ~/acked > ~/acked-sorted
comm -23 ~/acked-sorted ~/survived | sort -n > ~/lost
echo "the standby during the load: ${SYNC_STATE:-not streaming}"
echo "acknowledged commits:    $(wc -l < ~/acked)"
echo "on the promoted standby: $(comm -12 ~/acked-sorted ~/survived | wc -l)"
echo "lost:                    $(wc -l < ~/lost)   $(head -5 ~/lost | paste -sd ' ' -)"
echo "the application was told: $(tail -1 ~/writer-said)"
