# title: Promote standby
# step: 5
# note: pg_ctl promote already waits until the server accepts writes, so the seed's "sleep 2" is gone (it would be most of the measured time); prints the duration the seed's expected result shows

# Record exact time
FAILOVER_START=$(date +%s.%N)

# PROMOTE STANDBY (pg_ctl waits until the promotion is complete)
docker exec postgres-standby pg_ctl promote -D /var/lib/postgresql/data

# Verify promotion
docker exec postgres-standby psql -U postgres -c "
SELECT 
    pg_is_in_recovery() AS still_in_recovery,
    pg_current_wal_lsn() AS new_primary_lsn;
"

FAILOVER_END=$(date +%s.%N)
FAILOVER_DURATION=$(awk -v a="$FAILOVER_START" -v b="$FAILOVER_END" 'BEGIN { printf "%.2f", b - a }')
echo "Failover completed in: ${FAILOVER_DURATION} seconds"
