# title: Settings set by ALTER SYSTEM, each node
# note: not in the seed: what postgresql.auto.conf sets (pg_settings' sourcefile), so a changed setting stands out from the ~25 the start state's postgresql.conf sets

SQL="SELECT name, setting || coalesce(' ' || unit, '') FROM pg_settings
     WHERE sourcefile LIKE '%postgresql.auto.conf' ORDER BY name"
echo "== postgres-primary"
docker exec postgres-primary psql -U postgres -XAt -F ' = ' -c "$SQL" | grep . || echo "(none)"
echo "== postgres-standby"
docker exec postgres-standby psql -U postgres -XAt -F ' = ' -c "$SQL" | grep . || echo "(none)"
