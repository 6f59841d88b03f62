# title: Q: rejoin the old primary as a standby — rebuild it with pg_basebackup
# note: the seed's Q&A shows `pg_basebackup -h new-primary -D …` alone; the block also stops the old server, empties its data directory, writes the standby settings (-R) and starts it

# Docker runs commands only in a running container: start it (its server comes back as a primary on timeline 1 —
# fenced from clients in production), wait until that server answers, then stop it
docker start postgres-primary
for i in $(seq 150); do docker exec postgres-primary psql -U postgres -Atc 'SELECT 1' > /dev/null 2>&1 && break; sleep 0.2; done
docker exec postgres-primary pg_ctl stop -D /var/lib/postgresql/data -m fast

# Clean slate: empty the data directory and copy the new primary into it
# (-R writes standby.signal + primary_conninfo, -C -S creates a replication slot for it on the new primary)
docker exec postgres-primary bash -c "
rm -rf /var/lib/postgresql/data/*
pg_basebackup -d 'host=postgres-standby port=5432 user=replicator password=replicator_password application_name=old_primary' \
    -D /var/lib/postgresql/data -R -C -S old_primary_slot -X stream -c fast
"

# Start it: a standby of the new primary
docker exec postgres-primary pg_ctl start -D /var/lib/postgresql/data

# OLD PRIMARY: streaming from the new primary, on its timeline
docker exec postgres-primary bash -c '
for i in $(seq 50); do psql -U postgres -tAc "SELECT status FROM pg_stat_wal_receiver" | grep -q streaming && break; sleep 0.2; done
psql -U postgres -c "SELECT pg_is_in_recovery(), status, received_tli, slot_name FROM pg_stat_wal_receiver;"
psql -U postgres -c "SELECT count(*) AS orders FROM orders;"
'
