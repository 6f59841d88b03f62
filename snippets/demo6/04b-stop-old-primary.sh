# title: Stop the old primary cleanly, before promoting
# step: 5
# note: not in the seed's order: the seed promotes first and stops the old primary in its step 7, when its last WAL (the shutdown checkpoint) can no longer reach the promoted standby; the two histories then diverge and pg_rewind becomes mandatory (its order is run at the end of this demo). Stopped first, everything it wrote is on the standby before the promotion.

# OLD PRIMARY: the rows written so far, to compare after the switchover
echo "rows on the old primary: $(docker exec postgres-primary psql -U postgres -tAc 'SELECT count(*) FROM commit_cost')"

# Stop old primary gracefully: a fast shutdown writes a shutdown checkpoint, and the walsender sends the standby all
# WAL up to it (and waits until the standby has flushed it) before the server exits
docker exec postgres-primary pg_ctl stop -D /var/lib/postgresql/data -m fast

# OLD PRIMARY (stopped): where its history ends
docker exec postgres-primary pg_controldata -D /var/lib/postgresql/data | grep -E "^(Database cluster state|Latest checkpoint location)"
CHECKPOINT=$(docker exec postgres-primary pg_controldata -D /var/lib/postgresql/data | awk -F': *' '/^Latest checkpoint location/ { print $2 }')

# STANDBY: received and replayed past that checkpoint? (replay can take a moment: ask for up to 5 s)
docker exec postgres-standby bash -c "
for i in \$(seq 50); do
  psql -U postgres -tAc \"SELECT pg_last_wal_replay_lsn() > '$CHECKPOINT'\" | grep -q t && break
  sleep 0.1
done
psql -U postgres -c \"SELECT pg_last_wal_receive_lsn() AS received, pg_last_wal_replay_lsn() AS replayed,
       pg_last_wal_replay_lsn() > '$CHECKPOINT' AS has_the_shutdown_checkpoint;\"
"
