# title: Simulate disaster: primary fails
# step: 3
# note: also saves the disaster time and the primary's last order count/total in $HOME, so step 8's report is computed from this run

# Record exact time of disaster
echo "DISASTER OCCURRED AT: $(date)"
# (for step 8's report: what the primary held, and the moment it died)
docker exec postgres-primary psql -U postgres -t -A -F ' ' -c "SELECT count(*), coalesce(sum(total_amount), 0) FROM orders;" > ~/dr-orders-before
date +%s.%N > ~/dr-disaster-time

# KILL PRIMARY (catastrophic failure)
docker stop postgres-primary

# Verify it's truly down
docker exec postgres-primary psql -U postgres -c "SELECT 1;" 2>&1 | head -5
