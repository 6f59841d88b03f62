# title: Resume standby (network restored)
# step: 5

# Unpause standby
docker unpause postgres-standby

# Watch it catch up in real-time
watch -n 1 'docker exec postgres-primary psql -U postgres -t -c "
SELECT 
    application_name,
    pg_wal_lsn_diff(sent_lsn, replay_lsn) AS lag_bytes,
    replay_lag
FROM pg_stat_replication;
"'
