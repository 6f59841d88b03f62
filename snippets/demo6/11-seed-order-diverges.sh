# title: The seed's order: promote first, then stop the old primary
# note: the seed's steps 5 and 7 as it orders them, from a fresh pair (pgdemo-reset): the old primary still runs when the standby is promoted, so its shutdown checkpoint is WAL of timeline 1 from the fork on, which the new primary never gets; started as a standby without pg_rewind it is refused

pgdemo-reset

# PROMOTE STANDBY while the old primary still runs (the seed's step 5)
docker exec postgres-standby pg_ctl promote -D /var/lib/postgresql/data

# Stop old primary gracefully (the seed's step 7): its shutdown checkpoint is WAL the new primary never gets
docker exec postgres-primary pg_ctl stop -D /var/lib/postgresql/data -m fast
docker exec postgres-primary pg_controldata -D /var/lib/postgresql/data | grep -E "^Latest checkpoint location"
docker exec postgres-standby bash -c 'echo "New primary: timeline 2 forked from timeline 1 at $(cut -f2 "$PGDATA"/pg_wal/00000002.history)"'

# Make it a standby of the new primary WITHOUT pg_rewind, start it, and read its log
docker exec postgres-primary bash -c "
touch /var/lib/postgresql/data/standby.signal
echo \"primary_conninfo = 'host=postgres-standby port=5432 user=replicator password=replicator_password application_name=old_primary'\" >> /var/lib/postgresql/data/postgresql.auto.conf
"
docker exec postgres-primary bash -c '
LOG=$PGDEMO_LOG
FROM=$(wc -c < "$LOG")
pg_ctl start -D "$PGDATA" -l "$LOG" > /dev/null
for i in $(seq 50); do tail -c +$((FROM + 1)) "$LOG" | grep -q "forked off" && break; sleep 0.2; done
tail -c +$((FROM + 1)) "$LOG" | grep -E "forked off|history" | head -2
'
