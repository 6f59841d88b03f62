# title: Decision point: promote standby
# step: 5
# note: pg_ctl promote already waits until the server accepts writes, so the seed's "sleep 3" is gone (it would be most of the measured time); times are kept to hundredths of a second and saved in $HOME for step 8

# Record promotion time
PROMOTE_START=$(date +%s.%N)
echo "PROMOTION STARTED AT: $(date)"

# PROMOTE STANDBY (pg_ctl waits until the promotion is complete)
docker exec postgres-standby pg_ctl promote -D /var/lib/postgresql/data

# Verify promotion completed
docker exec postgres-standby psql -U postgres -c "
SELECT 
    pg_is_in_recovery() AS still_in_recovery,
    pg_current_wal_lsn() AS new_primary_lsn;
"

PROMOTE_END=$(date +%s.%N)
PROMOTE_DURATION=$(awk -v a="$PROMOTE_START" -v b="$PROMOTE_END" 'BEGIN { printf "%.2f", b - a }')
echo "PROMOTION COMPLETED IN: ${PROMOTE_DURATION} seconds"
echo "$PROMOTE_START" > ~/dr-promotion-started
echo "$PROMOTE_END" > ~/dr-promotion-completed
