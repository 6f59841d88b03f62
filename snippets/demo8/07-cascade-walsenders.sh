# title: Cascading: who streams from whom
# step: 3
# note: not in the seed: after the reset to the cascade, postgres-standby2 streams from postgres-standby, not from the primary; each upstream lists only its own walsenders

# PRIMARY: its walsenders
docker exec postgres-primary psql -U postgres -c "SELECT application_name, state, sync_state FROM pg_stat_replication"

# STANDBY (the middle node): a standby that also has a walsender
docker exec postgres-standby psql -U postgres -c "SELECT pg_is_in_recovery() AS in_recovery, application_name, state FROM pg_stat_replication"

# STANDBY2: its WAL receiver, and the same WAL position as the primary's
docker exec postgres-standby2 psql -U postgres -c "SELECT status, received_tli, flushed_lsn FROM pg_stat_wal_receiver"
