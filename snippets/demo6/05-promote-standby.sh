# title: Promote standby
# step: 5
# note: adds the echo of the duration that the seed's expected result shows but its commands never print

# Record exact time
FAILOVER_START=$(date +%s)

# PROMOTE STANDBY
docker exec postgres-standby pg_ctl promote -D /var/lib/postgresql/data

# Wait for promotion
sleep 2

# Verify promotion
docker exec postgres-standby psql -U postgres -c "
SELECT 
    pg_is_in_recovery() AS still_in_recovery,
    pg_current_wal_lsn() AS new_primary_lsn;
"

FAILOVER_END=$(date +%s)
FAILOVER_DURATION=$((FAILOVER_END - FAILOVER_START))
echo "Failover completed in: ${FAILOVER_DURATION} seconds"
