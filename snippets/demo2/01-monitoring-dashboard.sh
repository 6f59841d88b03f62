# title: Set up monitoring dashboard
# step: 1
# note: works locally because host and "container" share /tmp; with real Docker the file must be copied into the container (docker cp)

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

# Start monitoring in separate terminal
watch -n 1 'docker exec postgres-primary psql -U postgres -f /tmp/monitor_replication.sql 2>&1 | tail -20'
