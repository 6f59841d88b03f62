# title: The other standby follows the new primary, no rebuild
# step: 4
# timeout: 60s
# note: not in the seed: primary_conninfo is reloadable since PostgreSQL 13 and recovery_target_timeline is 'latest' by default since 12, so a reload re-points it and it follows the new timeline; it works because it is behind the fork point (the reason to promote the standby furthest ahead)

NEW=$(cat ~/new-primary); OTHER=$(cat ~/other-standby)
SLOT=$(docker exec $OTHER psql -U postgres -tAc "SHOW primary_slot_name")
APP=${OTHER#postgres-}
STARTED_AT=$(docker exec $OTHER psql -U postgres -tAc "SELECT pg_postmaster_start_time()")

# NEW PRIMARY: a slot for the other standby (slots are not replicated)
docker exec $NEW psql -U postgres -tAc "SELECT slot_name FROM pg_create_physical_replication_slot('$SLOT')"

# OTHER STANDBY: re-point it and reload, no restart
case $NEW in
  postgres-standby) CONNINFO="host=postgres-standby port=5432 user=replicator password=replicator_password application_name=$APP" ;;
  postgres-standby2) CONNINFO="host=postgres-standby2 port=5432 user=replicator password=replicator_password application_name=$APP" ;;
esac
docker exec $OTHER psql -U postgres -c "ALTER SYSTEM SET primary_conninfo = '$CONNINFO'"
docker exec $OTHER psql -U postgres -tAc "SELECT pg_reload_conf()" > /dev/null
for i in $(seq 100); do
  [ "$(docker exec $OTHER psql -U postgres -tAc "SELECT status || ' ' || received_tli FROM pg_stat_wal_receiver")" = "streaming 2" ] && break
  sleep 0.1
done
docker exec $OTHER psql -U postgres -c "SELECT status, received_tli, current_setting('recovery_target_timeline') AS recovery_target_timeline, pg_postmaster_start_time() = '$STARTED_AT' AS same_server_process FROM pg_stat_wal_receiver"

# NEW PRIMARY: it streams to the other standby, on timeline 2
docker exec $NEW psql -U postgres -c "SELECT application_name, state, sync_state FROM pg_stat_replication"
echo "new primary's synchronous_standby_names: '$(docker exec $NEW psql -U postgres -tAc "SHOW synchronous_standby_names")' (ALTER SYSTEM is not replicated)"
until [ "$(docker exec $OTHER psql -U postgres -tAc "SELECT count(*) FROM acked")" = "$(docker exec $NEW psql -U postgres -tAc "SELECT count(*) FROM acked")" ]; do sleep 0.1; done
echo "acked rows: $(docker exec $NEW psql -U postgres -tAc "SELECT count(*) FROM acked") on $NEW, $(docker exec $OTHER psql -U postgres -tAc "SELECT count(*) FROM acked") on $OTHER"
docker exec $OTHER bash -c 'grep -E "new target timeline|restarted WAL streaming" $PGDEMO_LOG | tail -2 | sed "s/^.*\(LOG: \)/\1/"'
