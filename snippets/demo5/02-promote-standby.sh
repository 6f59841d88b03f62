# title: Promote standby (create split-brain scenario)
# step: 2
# note: adds CHECKPOINT before reading the timeline: pg_control_checkpoint() shows the new timeline only once a checkpoint has completed after promotion, and the one promotion requests is spread out over seconds

# PROMOTE STANDBY TO PRIMARY (simulating split-brain)
docker exec postgres-standby pg_ctl promote -D /var/lib/postgresql/data

# Wait for promotion
sleep 3

# CHECK NEW PRIMARY: Now on timeline 2
docker exec postgres-standby psql -U postgres -c "
SELECT pg_is_in_recovery();

-- the control file records timeline 2 with the first checkpoint completed after promotion: take one now
CHECKPOINT;

SELECT timeline_id 
FROM pg_control_checkpoint();
"
