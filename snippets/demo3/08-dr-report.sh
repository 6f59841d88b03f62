# title: Calculate recovery metrics
# step: 8
# note: the seed's report is typed by hand; this one is computed from the times steps 3 and 5 saved and the orders on the new primary, and checks the RTO against the SLA target the seed's talking point names

# Generate DR Report
RTO_TARGET_MINUTES=5   # our SLA's RTO target (the seed's talking point): a business choice the report checks
cd ~ && [ -s dr-disaster-time ] && [ -s dr-promotion-completed ] \
  || { echo "Run steps 3 and 5 first: they record the times this report uses." >&2; exit 1; }
DISASTER=$(cat dr-disaster-time)
PROMOTE_START=$(cat dr-promotion-started)
PROMOTE_END=$(cat dr-promotion-completed)
read -r ORDERS_BEFORE AMOUNT_BEFORE < dr-orders-before

# NEW PRIMARY: orders that survived, all orders, and when it took its first new order
read -r ORDERS_KEPT AMOUNT_KEPT ORDERS_AFTER FIRST_WRITE < <(docker exec postgres-standby psql -U postgres -t -A -F ' ' -c "
SELECT 
    count(*) FILTER (WHERE created_at <= to_timestamp($DISASTER)),
    coalesce(sum(total_amount) FILTER (WHERE created_at <= to_timestamp($DISASTER)), 0),
    count(*),
    coalesce(extract(epoch FROM min(created_at::timestamptz) FILTER (WHERE created_at > to_timestamp($DISASTER))), $PROMOTE_END)
FROM orders;
")

at()    { date -d "@$1" '+%Y-%m-%d %H:%M:%S'; }
since() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f seconds", b - a }'; }
line()  { printf '║ %-57s ║\n' "$1"; }
LOST=$((ORDERS_BEFORE - ORDERS_KEPT))
SLA=$(awk -v a="$DISASTER" -v b="$FIRST_WRITE" -v t="$RTO_TARGET_MINUTES" 'BEGIN { print (b - a < t * 60) ? "met" : "MISSED" }')
LOST_AMOUNT=$(awk -v a="$AMOUNT_BEFORE" -v b="$AMOUNT_KEPT" 'BEGIN { printf "%.2f", a - b }')

echo
echo "╔═══════════════════════════════════════════════════════════╗"
echo "║             DISASTER RECOVERY REPORT                      ║"
echo "╠═══════════════════════════════════════════════════════════╣"
line "Disaster Time:        $(at "$DISASTER")"
line "Detection Time:       +$(since "$DISASTER" "$PROMOTE_START")"
line "Promotion Started:    $(at "$PROMOTE_START")"
line "Promotion Completed:  $(at "$PROMOTE_END") (+$(since "$PROMOTE_START" "$PROMOTE_END"))"
line "Verification Time:    +$(since "$PROMOTE_END" "$FIRST_WRITE") (first new order)"
line ""
line "RTO (Recovery Time):  $(since "$DISASTER" "$FIRST_WRITE")"
line "RTO target (SLA):     < $RTO_TARGET_MINUTES minutes: $SLA"
line "RPO (Data Loss):      $LOST transactions / \$$LOST_AMOUNT"
line ""
line "Orders Before Disaster:  $ORDERS_BEFORE"
line "Orders After Failover:   $ORDERS_AFTER"
line "Data Loss:               $LOST"
line ""
if [ "$LOST" -eq 0 ]; then
  printf '║ STATUS: ✓ %-47s ║\n' "RECOVERY SUCCESSFUL"
else
  printf '║ STATUS: ✗ %-47s ║\n' "$LOST ORDERS LOST"
fi
echo "╚═══════════════════════════════════════════════════════════╝"
echo
