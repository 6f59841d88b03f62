# title: Beyond the seed: cut the network instead of pausing the standby
# note: not in the seed, which only pauses the standby; Docker has no command that cuts just the link between two containers (network disconnect would cut the deck off the standby too), so the deck's pgdemo-net does it. The timeouts are shortened for this part so that they act within seconds (defaults: a minute each)

# For this part: timeouts short enough to watch them act. The primary drops a standby that has not replied for
# wal_sender_timeout; a healthy standby replies at least every wal_receiver_status_interval, and drops a primary that
# has said nothing for wal_receiver_timeout
docker exec postgres-primary psql -U postgres -qc "ALTER SYSTEM SET wal_sender_timeout = '5s'" -c "SELECT pg_reload_conf()" > /dev/null
docker exec postgres-standby psql -U postgres -qc "ALTER SYSTEM SET wal_receiver_status_interval = '1s'" \
    -c "ALTER SYSTEM SET wal_receiver_timeout = '5s'" -c "SELECT pg_reload_conf()" > /dev/null
sleep 1.5   # a status reply at the new interval, so the walsender's clock starts from a fresh one
echo "walsender before the cut: pid $(docker exec postgres-primary psql -U postgres -tAc 'SELECT pid FROM pg_stat_replication')" | tee ~/walsender-before

# The standby keeps running; only the link between the two nodes is cut, both ways
pgdemo-net cut postgres-standby
date +%s.%N > ~/cut-at

# PRIMARY: writes go on
docker exec postgres-primary psql -U postgres -c "
INSERT INTO network_test (data)
SELECT 'Written during the partition ' || generate_series(1, 1000);
"
