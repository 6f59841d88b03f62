# title: The primary's view of the partition, second by second
# note: not in the seed: what pg_stat_replication shows for a partitioned standby; a single look right after the cut shows the same as for a healthy idle standby, so the block samples it until the walsender gives up

# PRIMARY: every half second, since the cut — the standby's last reply ages past wal_receiver_status_interval (a healthy
# standby replies at least that often), and at wal_sender_timeout the walsender gives up: the row is gone
CUT=$(cat ~/cut-at)
for i in $(seq 20); do
  ROW=$(docker exec postgres-primary psql -U postgres -tA -F ' | ' -c "
    SELECT state, round(extract(epoch FROM clock_timestamp() - reply_time)::numeric, 1)
    FROM pg_stat_replication")
  SINCE=$(awk -v a="$CUT" -v b="$(date +%s.%N)" 'BEGIN { printf "%4.1f", b - a }')
  if [ -n "$ROW" ]; then
    echo "cut + ${SINCE} s | ${ROW% | *} | last reply ${ROW##* | } s ago"
  else
    echo "cut + ${SINCE} s | no walsender: it timed out (wal_sender_timeout = $(docker exec postgres-primary psql -U postgres -tAc 'SHOW wal_sender_timeout'))"
    break
  fi
  sleep 0.5
done
docker exec postgres-primary bash -c 'grep "terminating walsender" "$PGDEMO_LOG" | tail -1'
