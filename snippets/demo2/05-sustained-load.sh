# title: Test sustained load
# step: 5
# timeout: 4m

# Run continuous writes for 60 seconds
docker exec postgres-primary bash -c '
for i in {1..60}; do
    psql -U postgres -c "
        INSERT INTO orders (customer_id, product_code, amount)
        SELECT 
            (random() * 10000)::int,
            '\''PROD-'\'' || (random() * 1000)::int,
            (random() * 1000 + 10)::numeric(10,2)
        FROM generate_series(1, 10000);
    " > /dev/null
    echo "Batch $i completed"
    sleep 1
done
'

# Check max lag during sustained load
docker exec postgres-primary psql -U postgres -c "
SELECT 
    max(pg_wal_lsn_diff(sent_lsn, replay_lsn)) AS max_lag_bytes,
    max(replay_lag) AS max_replay_lag
FROM pg_stat_replication;
"
