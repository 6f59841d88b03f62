# Sourced by entrypoint.sh on a standby's first start: a base backup of the primary that streams from it.
upstream="${PGDEMO_UPSTREAM:-postgres-primary}"
# The primary may still be making itself, or restart: wait for it, and retry for a minute.
for attempt in $(seq 60); do
  if pg_isready -q -h "$upstream" -p 5432; then
    # a standby beyond the first (postgres-standby2) has no slot made by the primary's first start
    psql -h "$upstream" -U postgres -d postgres -qAt -v slot="${PGDEMO_STANDBY_SLOT:-standby_slot}" >/dev/null <<'SQL' || true
SELECT pg_create_physical_replication_slot(:'slot') WHERE NOT EXISTS (SELECT FROM pg_replication_slots WHERE slot_name = :'slot');
SQL
    base_backup_into_staging "$upstream" "${PGDEMO_STANDBY_SLOT:-standby_slot}" "${PGDEMO_APPLICATION_NAME:-standby}" && break
  fi
  [[ $attempt -lt 60 ]] || die "no base backup from $upstream after a minute"
  [[ $attempt -gt 1 ]] || echo "pgdemo: waiting for $upstream"
  sleep 1
done
swap_in_staged "$PGDATA"

# pg_rewind (the seed's Demos 5 and 6) needs a checkpoint both nodes share, in WAL the old primary still has. Right
# after the base backup the only shared one is the backup's own, in a segment the primary drops at its next
# checkpoint (the slot holds only what follows it). A checkpoint now, which this standby will replay, closes that gap.
psql -h "$upstream" -U postgres -d postgres -q -c CHECKPOINT
