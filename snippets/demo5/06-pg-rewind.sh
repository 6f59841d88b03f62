# title: Show proper resolution with pg_rewind
# step: 6
# note: pg_rewind leaves the node stopped, copies the new primary's postgresql.auto.conf and deletes standby.signal; the added lines make it a streaming standby again

# Stop old primary
docker exec postgres-primary pg_ctl stop -D /var/lib/postgresql/data -m fast

# Run pg_rewind to resync with new primary timeline
docker exec postgres-primary bash -c "
pg_rewind \\
    --target-pgdata=/var/lib/postgresql/data \\
    --source-server='host=postgres-standby port=5432 user=postgres dbname=postgres' \\
    --progress
"

# Make it a standby of the new primary again (pg_rewind copied the new primary's settings) and start it
docker exec postgres-primary bash -c "
touch /var/lib/postgresql/data/standby.signal
echo \"primary_conninfo = 'host=postgres-standby port=5432 user=replicator password=replicator_password application_name=primary'\" >> /var/lib/postgresql/data/postgresql.auto.conf
echo \"primary_slot_name = ''\" >> /var/lib/postgresql/data/postgresql.auto.conf
"
docker exec postgres-primary pg_ctl start -D /var/lib/postgresql/data

# OLD PRIMARY: now streaming from the new primary on timeline 2
docker exec postgres-primary bash -c '
for i in $(seq 50); do psql -U postgres -tAc "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null | grep -q streaming && break; sleep 0.2; done
psql -U postgres -c "SELECT status, received_tli, sender_port FROM pg_stat_wal_receiver;"
'
