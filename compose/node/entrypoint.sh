#!/usr/bin/env bash
# The main process of a node. PID 1 is Docker's init (compose: `init: true`), which reaps the servers that the
# seed's `docker exec … pg_ctl start` leaves behind. This script makes the node's data on first start, starts the
# server and then stays up whatever the server does: the seed stops it with `pg_ctl stop`, rewinds, and starts it
# again inside the running container. `docker stop` (SIGTERM, or SIGINT from the official image's STOPSIGNAL)
# shuts the server down fast and ends the container with status 0.
set -euo pipefail
source "$(dirname "$(readlink -f "$0")")/lib.sh"

: "${PGDEMO_ROLE:?set PGDEMO_ROLE to primary or standby}"
: "${POSTGRES_PASSWORD:?set POSTGRES_PASSWORD (the postgres superuser password for TCP connections)}"

# The server writes to its log file (see bin/pg_ctl); tail makes that `docker logs` too. It follows the file until
# $log_keeper ends and then reads it one last time, so a shutdown loses none of the server's last lines.
follow_log() {
  sleep infinity &
  log_keeper=$!
  tail -F -n 0 -s 0.2 --pid="$log_keeper" "$PGDEMO_LOG" 2>/dev/null &
  tail_pid=$!
}

# link-relay.pl, restarted should it ever end; a container starts with a whole link.
start_link_relay() {
  echo '0 0' >"$PGDEMO_LINK_CONTROL"
  ( while :; do perl "$PGDEMO_HOME/link-relay.pl" "$PGDEMO_LINK_PORT" 5432 "$PGDEMO_LINK_CONTROL" || echo "pgdemo: the link relay ended ($?); restarting it" >&2; sleep 1; done ) &
  relay_pid=$!
}

shutdown() {
  trap - TERM INT
  kill "$relay_pid" 2>/dev/null || true
  if server_running; then pg_ctl stop -D "$PGDATA" -m fast -w -t 60 || true; fi
  kill "$log_keeper" 2>/dev/null || true
  wait "$tail_pid" 2>/dev/null || true
  exit 0
}
log_keeper='' tail_pid='' relay_pid=''
trap shutdown TERM INT
rm -f "$PGDEMO_READY"

# A fresh volume mounted where the image has no folder belongs to root; the deck's backend hands it to postgres
# right after the start, so give that a moment before giving up.
for dir in "$PGDATA" /var/run/postgresql "$(dirname "$PGDEMO_LOG")"; do
  for _ in $(seq 50); do [[ -w "$dir" ]] && break; sleep 0.1; done
  [[ -w "$dir" ]] || die "$dir is not writable by $(id -un): the image must have it owned by postgres"
done

# TCP connections need a password (no trust over the network); the node-to-node ones the seed types without one,
# like pg_rewind's --source-server='host=postgres-standby … user=postgres', find it here.
pgpass_field() { local s="${1//\\/\\\\}"; printf '%s' "${s//:/\\:}"; }
umask 077
{
  echo "*:*:*:postgres:$(pgpass_field "$POSTGRES_PASSWORD")"
  echo "*:*:*:$(pgpass_field "$PGDEMO_REPLICATION_USER"):$(pgpass_field "$PGDEMO_REPLICATION_PASSWORD")"
} >"$HOME/.pgpass"
umask 022

touch "$PGDEMO_LOG"
follow_log
start_link_relay

# Held with no data: the deck's backend fills the data directory itself (a third node's copy of the golden one).
if [[ ! -s "$PGDATA/PG_VERSION" && ! -e "$PGDEMO_HOLD" ]]; then
  case "$PGDEMO_ROLE" in
    primary) source "$PGDEMO_HOME/init-primary.sh" ;;
    standby) source "$PGDEMO_HOME/init-standby.sh" ;;
    *) die "PGDEMO_ROLE must be primary or standby, not '$PGDEMO_ROLE'" ;;
  esac
fi
chmod 700 "$PGDATA"

if [[ -e "$PGDEMO_HOLD" ]]; then
  echo "pgdemo: held ($PGDEMO_HOLD): the server stays stopped until the deck starts it" >&2
else
  pg_ctl start -D "$PGDATA" -w -t 120 || echo "pgdemo: the server did not start; the container stays up for repairs" >&2
fi
touch "$PGDEMO_READY"

# Wait for docker stop. `wait` returns early when a trapped signal arrives, and when tail ends, which it should not.
while :; do
  wait "$tail_pid" || true
  kill "$log_keeper" 2>/dev/null || true
  follow_log
done
