# title: The seed's order needs pg_rewind
# note: the seed's step 7 on the diverged old primary of the previous block; reordered: pg_rewind deletes standby.signal and overwrites postgresql.auto.conf, so they are written after it (in the seed's order the node would come back as a primary); a CHECKPOINT on the new primary first (else pg_rewind may read the old timeline there and answer "no rewind required"); single \ line continuations

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

# OLD PRIMARY: streaming from the new primary again (wait at most 10 s; say so if it does not)
docker exec postgres-primary bash -c '
for i in $(seq 50); do psql -U postgres -tAc "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null | grep -q streaming && break; sleep 0.2; done
psql -U postgres -c "SELECT status, received_tli FROM pg_stat_wal_receiver;"
'
