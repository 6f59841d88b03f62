# title: Demote old primary to standby
# step: 7
# note: reordered: pg_rewind deletes standby.signal and overwrites postgresql.auto.conf, so they are written after it (the seed's order would bring the node back as a primary); a CHECKPOINT on the new primary first (else pg_rewind may read the old timeline and answer "no rewind required"); single \ line continuations; waits until it streams so step 8 finds it

# Stop old primary gracefully
docker exec postgres-primary pg_ctl stop -D /var/lib/postgresql/data -m fast

# NEW PRIMARY: its control file names the new timeline only after the checkpoint that promotion requests (a spread
# one, seconds later); pg_rewind reads it there, so make it current first
docker exec postgres-standby psql -U postgres -c "CHECKPOINT;"

# Use pg_rewind to sync with new timeline
docker exec postgres-primary pg_rewind \
    --target-pgdata=/var/lib/postgresql/data \
    --source-server='host=postgres-standby port=5432 user=postgres dbname=postgres'

# Create standby.signal to make it a standby
docker exec postgres-primary bash -c "
touch /var/lib/postgresql/data/standby.signal

# Update primary_conninfo to point to new primary (and use no slot: the one named in the copied settings does not exist there)
echo \"primary_conninfo = 'host=postgres-standby port=5432 user=replicator password=replicator_password application_name=old_primary'\" >> /var/lib/postgresql/data/postgresql.auto.conf
echo \"primary_slot_name = ''\" >> /var/lib/postgresql/data/postgresql.auto.conf
"

# Start old primary as new standby
docker exec postgres-primary pg_ctl start -D /var/lib/postgresql/data

# wait (at most 10 s) until it streams from the new primary, so step 8 sees it; say so if it does not
docker exec postgres-primary bash -c '
for i in $(seq 50); do psql -U postgres -tAc "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null | grep -q streaming && exit 0; sleep 0.2; done
echo "the old primary is not streaming after 10 s; its log says:" >&2; tail -5 "$PGDEMO_LOG" >&2; exit 1
'
