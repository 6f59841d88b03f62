# title: Test sustained load
# step: 5
# timeout: 4m
# note: samples the standby's lag several times a second while the load runs and prints its maximum and how often it was back at 0 (the seed's max() after the loop sees only that last moment), the load's duration and the catch-up after it

# Sample the standby's lag (bytes not yet replayed) every 0.2 s while the load runs
SAMPLES=~/demo2-lag-samples
( while :; do
    docker exec postgres-primary psql -U postgres -tAc "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) FROM pg_stat_replication WHERE replay_lsn IS NOT NULL"
    sleep 0.2
  done ) > "$SAMPLES" 2>/dev/null &
SAMPLER=$!
LOAD_START=$(date +%s.%N)

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
LOAD_END=$(date +%s.%N)
kill "$SAMPLER"; wait "$SAMPLER" 2>/dev/null

# Wait (at most 30 s) until the standby has replayed everything, and time it
for i in $(seq 300); do
  LAG=$(docker exec postgres-primary psql -U postgres -tAc "SELECT pg_wal_lsn_diff(pg_current_wal_lsn(), replay_lsn) FROM pg_stat_replication")
  [ "$LAG" = 0 ] && break
  sleep 0.1
done
CAUGHT_UP=$(date +%s.%N)

# What the samples saw during the load
read -r COUNT ZEROS MAX < <(grep -E '^[0-9]+$' "$SAMPLES" | awk '{ n++; if ($1 == 0) z++; if ($1 > m) m = $1 } END { print n + 0, z + 0, m + 0 }')
echo
echo "Load:      60 batches in $(awk -v a="$LOAD_START" -v b="$LOAD_END" 'BEGIN { printf "%.1f", b - a }') s"
echo "Lag:       $COUNT samples, max $(docker exec postgres-primary psql -U postgres -tAc "SELECT pg_size_pretty($MAX::bigint)"), back at 0 bytes in $ZEROS of them"
echo "After:     lag ${LAG:-unknown} bytes $(awk -v a="$LOAD_END" -v b="$CAUGHT_UP" 'BEGIN { printf "%.1f", b - a }') s after the last batch"

# Check max lag during sustained load
docker exec postgres-primary psql -U postgres -c "
SELECT 
    max(pg_wal_lsn_diff(sent_lsn, replay_lsn)) AS max_lag_bytes,
    max(replay_lag) AS max_replay_lag
FROM pg_stat_replication;
"
