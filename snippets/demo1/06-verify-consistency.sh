# title: Verify data consistency
# step: 6

# PRIMARY: Count rows
docker exec postgres-primary psql -U postgres -c "
SELECT count(*) FROM network_test;
"

# STANDBY: Verify same count (after lag = 0)
docker exec postgres-standby psql -U postgres -c "
SELECT count(*) FROM network_test;
"
