# title: Demote old primary to standby (no pg_rewind)
# step: 7
# note: no pg_rewind: the seed needs it only because in its order the old primary wrote WAL after the promotion; stopped first (step 5), its history is a prefix of the new primary's, so it follows the new timeline as it is. Waits until it streams, so step 8 finds it

# Create standby.signal to make it a standby
docker exec postgres-primary bash -c "
touch /var/lib/postgresql/data/standby.signal

# Update primary_conninfo to point to new primary
echo \"primary_conninfo = 'host=postgres-standby port=5432 user=replicator password=replicator_password application_name=old_primary'\" >> /var/lib/postgresql/data/postgresql.auto.conf
"

# Start old primary as new standby
docker exec postgres-primary pg_ctl start -D /var/lib/postgresql/data

# OLD PRIMARY: streaming from the new primary, on its timeline (wait at most 10 s; say so if it does not)
docker exec postgres-primary bash -c '
for i in $(seq 50); do psql -U postgres -tAc "SELECT status FROM pg_stat_wal_receiver" 2>/dev/null | grep -q streaming && break; sleep 0.2; done
psql -U postgres -c "SELECT status, received_tli FROM pg_stat_wal_receiver;" \
    -c "SELECT pg_is_in_recovery() AS is_standby, count(*) AS rows_here FROM commit_cost;"
'
