# title: Try to reconnect (timeline protection kicks in)
# step: 4

# Try to set up old primary as standby to new primary
docker exec postgres-primary psql -U postgres -c "
-- This simulates old primary trying to rejoin
SELECT pg_walfile_name(pg_current_wal_lsn()) AS old_primary_wal_file;
"

docker exec postgres-standby psql -U postgres -c "
SELECT pg_walfile_name(pg_current_wal_lsn()) AS new_primary_wal_file;
"
