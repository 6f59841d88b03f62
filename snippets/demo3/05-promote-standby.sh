# title: Decision point: promote standby
# step: 5
# note: also saves the promotion start/end times (with fractions of a second) in $HOME for step 8's report

# Record promotion time
PROMOTE_START=$(date +%s)
date +%s.%N > ~/dr-promotion-started
echo "PROMOTION STARTED AT: $(date)"

# PROMOTE STANDBY
docker exec postgres-standby pg_ctl promote -D /var/lib/postgresql/data

# Wait for promotion (usually 1-2 seconds)
sleep 3

# Verify promotion completed
docker exec postgres-standby psql -U postgres -c "
SELECT 
    pg_is_in_recovery() AS still_in_recovery,
    pg_current_wal_lsn() AS new_primary_lsn;
"

PROMOTE_END=$(date +%s)
date +%s.%N > ~/dr-promotion-completed
PROMOTE_DURATION=$((PROMOTE_END - PROMOTE_START))
echo "PROMOTION COMPLETED IN: ${PROMOTE_DURATION} seconds"
