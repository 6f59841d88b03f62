# title: Q: automate it — one sync setting on both nodes, ANY 1 (standby, old_primary)
# note: not in the seed's demo: its automation script sets synchronous_standby_names = 'standby' before each switchover; a quorum naming both nodes, set on both, keeps the next switchover synchronous

# The same setting on BOTH nodes (ALTER SYSTEM is not replicated), naming both: whichever node is primary,
# a commit waits for ANY 1 of the names that is streaming from it
docker exec postgres-standby psql -U postgres -c "ALTER SYSTEM SET synchronous_standby_names = 'ANY 1 (standby, old_primary)'" -c "SELECT pg_reload_conf()"
docker exec postgres-primary psql -U postgres -c "ALTER SYSTEM SET synchronous_standby_names = 'ANY 1 (standby, old_primary)'" -c "SELECT pg_reload_conf()"

# NEW PRIMARY: wait (at most 5 s) until its walsender has picked up the reload, then show the quorum standby
docker exec postgres-standby bash -c '
for i in $(seq 50); do psql -U postgres -tAc "SELECT sync_state FROM pg_stat_replication" | grep -q quorum && break; sleep 0.1; done
psql -U postgres -c "SELECT application_name, state, sync_priority, sync_state FROM pg_stat_replication;"
'

# NEW STANDBY: the same setting, ready for when it is primary again
docker exec postgres-primary psql -U postgres -c "SHOW synchronous_standby_names;"
