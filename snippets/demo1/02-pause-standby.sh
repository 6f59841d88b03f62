# title: Simulate network failure
# step: 2

# Pause the standby container (simulates network partition)
docker pause postgres-standby

# Verify it's unreachable
docker exec postgres-primary psql -U postgres -c "
SELECT application_name, state FROM pg_stat_replication;
"
