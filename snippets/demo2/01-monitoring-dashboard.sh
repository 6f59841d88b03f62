# title: Set up monitoring dashboard
# step: 1
# note: the seed writes the file on the host and runs psql -f in the container, where it does not exist: docker cp copies it in

# Create monitoring query (save as /tmp/monitor_replication.sql)
cat > /tmp/monitor_replication.sql << 'EOF'
\timing on
SELECT 
    now() AS check_time,
    application_name,
    state,
    sync_state,
    pg_wal_lsn_diff(sent_lsn, replay_lsn) AS lag_bytes,
    replay_lag,
    round(
        pg_wal_lsn_diff(sent_lsn, replay_lsn) / 1024.0 / 1024.0,
        2
    ) AS lag_mb
FROM pg_stat_replication;
EOF

# The file is on this machine; psql runs in the container: copy it in
docker cp /tmp/monitor_replication.sql postgres-primary:/tmp/monitor_replication.sql

# Start monitoring in separate terminal
watch -n 1 'docker exec postgres-primary psql -U postgres -f /tmp/monitor_replication.sql 2>&1 | tail -20'
