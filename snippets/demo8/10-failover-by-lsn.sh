# title: Failover with two standbys: promote the one furthest ahead
# step: 4
# timeout: 3m
# note: not in the seed: under ANY 1 an acknowledged commit is on at least one standby, not on both; postgres-standby goes down mid-load and comes back after the primary is crashed (no shutdown); the standby to promote is chosen from the WAL each has, read live

# PRIMARY: quorum commit, and the table the application writes to
docker exec postgres-primary psql -U postgres -qc "ALTER SYSTEM SET synchronous_standby_names = 'ANY 1 (standby, standby2)'"
docker exec postgres-primary psql -U postgres -qtAc "SELECT pg_reload_conf()" > /dev/null
for i in $(seq 50); do
  [ "$(docker exec postgres-primary psql -U postgres -tAc "SELECT count(*) FROM pg_stat_replication WHERE sync_state = 'quorum'")" = 2 ] && break
  sleep 0.1
done
docker exec postgres-primary psql -U postgres -qc "CREATE TABLE acked (id int PRIMARY KEY, payload text)"

# THE APPLICATION: one commit per row; psql prints an id only once the primary has acknowledged its commit
: > ~/acked
seq 200000 | sed "s/.*/INSERT INTO acked VALUES (&, repeat('x', 2000)) RETURNING id;/" \
  | docker exec -i postgres-standby2 psql -h postgres-primary -U postgres -qtA > ~/acked 2> ~/writer-said &
WRITER=$!
until [ "$(wc -l < ~/acked)" -ge 300 ] || ! kill -0 $WRITER 2> /dev/null; do sleep 0.01; done
# postgres-standby goes down (a reboot, say): the quorum goes on with standby2 alone
docker stop postgres-standby
until [ "$(wc -l < ~/acked)" -ge 2300 ] || ! kill -0 $WRITER 2> /dev/null; do sleep 0.01; done
# the primary dies mid-load: no shutdown, as when a machine loses power
docker kill postgres-primary
wait
docker start postgres-standby
until docker exec postgres-standby psql -U postgres -tAc "SELECT 1" > /dev/null 2>&1; do sleep 0.1; done

# WHICH STANDBY: the one with the most WAL, compared live: what it received (pg_last_wal_receive_lsn(), NULL on a
# standby that has not streamed since it started) or, if further, what it replayed
received() { docker exec $1 psql -U postgres -tAc "SELECT GREATEST(pg_last_wal_receive_lsn(), pg_last_wal_replay_lsn())"; }
A=$(received postgres-standby); B=$(received postgres-standby2)
AHEAD=$(docker exec postgres-standby2 psql -U postgres -tAc "SELECT pg_wal_lsn_diff('$B', '$A')")
echo "postgres-standby  has WAL up to $A"
echo "postgres-standby2 has WAL up to $B"
if [ "${AHEAD%.*}" -ge 0 ]; then NEW=postgres-standby2 OTHER=postgres-standby; else NEW=postgres-standby OTHER=postgres-standby2 AHEAD=${AHEAD#-}; fi
echo "promoting $NEW: ahead of $OTHER by $AHEAD bytes of WAL"
echo "$NEW" > ~/new-primary; echo "$OTHER" > ~/other-standby
docker exec $NEW pg_ctl promote -D /var/lib/postgresql/data > /dev/null

# EVERY ACKNOWLEDGED COMMIT, looked up on the new primary
docker exec $NEW psql -U postgres -tAc "SELECT id FROM acked" | sort > ~/survived
sort ~/acked > ~/acked-sorted
echo "acknowledged commits: $(wc -l < ~/acked)"
echo "on the new primary:   $(comm -12 ~/acked-sorted ~/survived | wc -l)"
echo "lost:                 $(comm -23 ~/acked-sorted ~/survived | wc -l)"
docker exec $OTHER psql -U postgres -tAc "SELECT id FROM acked" | sort > ~/on-other
echo "had we promoted $OTHER, lost: $(comm -23 ~/acked-sorted ~/on-other | wc -l)"
