# Sourced by entrypoint.sh on a primary's first start: a new cluster with the seed's replication setup.
echo "pgdemo: initializing the primary in $PGDATA"
initdb -D "$PGDATA" -U postgres -E UTF8 --locale=C.UTF-8 \
  --auth-local=trust --auth-host=scram-sha-256 --pwfile=<(printf '%s\n' "$POSTGRES_PASSWORD")

cat >>"$PGDATA/postgresql.conf" <<CONF

# pgdemo: the seed's replication setup
listen_addresses = '*'
wal_level = replica
max_wal_senders = 10
max_replication_slots = 10
hot_standby = on
# pg_rewind needs it (or data checksums)
wal_log_hints = on
CONF

# Other containers reach the node over TCP with a password; only the local socket (docker exec … psql) is trust.
cat >>"$PGDATA/pg_hba.conf" <<HBA

# pgdemo: the other node and the host's published port
host    all             all             all                     scram-sha-256
host    replication     all             all                     scram-sha-256
HBA

# Role and slot are made on a server nobody can reach yet, so a standby never sees a half-made primary.
pg_ctl start -D "$PGDATA" -w -o "-c listen_addresses=''"
psql -v ON_ERROR_STOP=1 -q -U postgres -d postgres \
  -v user="$PGDEMO_REPLICATION_USER" -v password="$PGDEMO_REPLICATION_PASSWORD" -v slot="${PGDEMO_STANDBY_SLOT:-standby_slot}" >/dev/null <<'SQL'
CREATE ROLE :"user" WITH REPLICATION LOGIN PASSWORD :'password';
SELECT pg_create_physical_replication_slot(:'slot');
SQL

pg_ctl stop -D "$PGDATA" -m fast -w
