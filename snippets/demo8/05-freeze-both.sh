# title: ANY 1: freeze both, a commit waits — and is cancelled
# step: 2
# timeout: 60s
# note: not in the seed: statement_timeout does not end a commit's wait for synchronous replication (PostgreSQL disables it before the commit); the block cancels the wait itself (after `sleep 3`), as an operator would

docker pause postgres-standby2

# PRIMARY: a commit with statement_timeout = 2s, in the background; no standby can confirm it
started=$(date +%s.%N)
docker exec postgres-primary psql -U postgres -c "SET statement_timeout = '2s'" -c "INSERT INTO payments VALUES (2, 200)" > ~/waiting-commit 2>&1 &
COMMIT_PID=$!
sleep 3

# ANOTHER SESSION, 3 s later: the commit still waits (past its statement_timeout), on SyncRep
docker exec postgres-primary psql -U postgres -c "SELECT pid, state, wait_event_type, wait_event, query FROM pg_stat_activity WHERE wait_event = 'SyncRep'"
if kill -0 $COMMIT_PID 2> /dev/null; then
  echo "after 3 s the commit is still waiting: NOT acknowledged to the application"
fi
echo "other sessions see id 2: $(docker exec postgres-primary psql -U postgres -tAc "SELECT count(*) FROM payments WHERE id = 2") row(s)"

# OPERATOR: cancel the wait (pg_cancel_backend); what the waiting session is told:
docker exec postgres-primary psql -U postgres -tAc "SELECT pg_cancel_backend(pid) FROM pg_stat_activity WHERE wait_event = 'SyncRep'" > /dev/null
wait $COMMIT_PID
echo "the waiting session, after $(awk -v a=$started -v b=$(date +%s.%N) 'BEGIN { printf "%.1f", b - a }') s:"
sed 's/^/  /' ~/waiting-commit
echo "other sessions now see id 2: $(docker exec postgres-primary psql -U postgres -tAc "SELECT count(*) FROM payments WHERE id = 2") row(s) (committed locally, on no standby)"

docker unpause postgres-standby
docker unpause postgres-standby2
