# title: Demonstrate rejection
# step: 5
# note: the seed SELECTs a hard-coded message; here the old primary really tries to stream from the new primary and PostgreSQL refuses

# Simulate old primary trying to stream from new primary
# 1. The old primary writes on past the WAL segment where the two histories forked
docker exec postgres-primary psql -U postgres -c "
SELECT pg_switch_wal();
INSERT INTO orders (order_number, timeline)
VALUES ('ORD-TIMELINE-1B', 1);
"

# 2. Make it a standby of the new primary, without pg_rewind
docker exec postgres-primary pg_ctl stop -D /var/lib/postgresql/data -m fast
docker exec postgres-primary bash -c "
touch /var/lib/postgresql/data/standby.signal
echo \"primary_conninfo = 'host=postgres-standby port=5432 user=replicator password=replicator_password application_name=primary'\" >> /var/lib/postgresql/data/postgresql.auto.conf
echo \"primary_slot_name = ''\" >> /var/lib/postgresql/data/postgresql.auto.conf
"

# 3. Start it and read its log: the new primary refuses its timeline-1 history
#    ($PGDEMO_LOG is the node's server log, also what `docker logs postgres-primary` shows)
docker exec postgres-primary bash -c '
LOG=$PGDEMO_LOG
FROM=$(wc -c < "$LOG")
pg_ctl start -D "$PGDATA" -l "$LOG" > /dev/null
for i in $(seq 50); do tail -c +$((FROM + 1)) "$LOG" | grep -q "not in this server" && break; sleep 0.2; done
tail -c +$((FROM + 1)) "$LOG" | grep -E "history|forked" | head -4
'
