# Sourced by every script in this folder. Paths default to the seed's; the compose file may override them.
# Needs only bash, coreutils and PostgreSQL's binaries, so any Debian-based image with PostgreSQL works.

PGDEMO_HOME="$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)"
export PGDATA="${PGDATA:-/var/lib/postgresql/data}"
PGDEMO_GOLDEN="${PGDEMO_GOLDEN:-/var/lib/postgresql/golden}"
# Outside the data directory: pg_basebackup and pg_rewind would otherwise copy one node's log onto the other.
PGDEMO_LOG="${PGDEMO_LOG:-/var/lib/postgresql/server.log}"
# In the container's own layer (not a volume), so a new container never inherits them:
# PGDEMO_HOLD — present: the entrypoint does not start the server (the deck's backend runs a tool on the stopped
#   node, e.g. pg_rewind, in a container it had to start for that);
# PGDEMO_READY — present once the entrypoint has made its start attempt (the backend waits for it before acting).
PGDEMO_HOLD="${PGDEMO_HOLD:-/var/lib/postgresql/pgdemo-hold}"
PGDEMO_READY="${PGDEMO_READY:-/var/lib/postgresql/pgdemo-ready}"
# The network between the nodes (link-relay.pl): the other nodes stream from this port; the control file says
# "<cut 0|1> <round-trip delay ms>" for any peer, then a line "<peer address> <cut 0|1> <delay ms>" per named peer.
PGDEMO_LINK_PORT="${PGDEMO_LINK_PORT:-5433}"
PGDEMO_LINK_CONTROL="${PGDEMO_LINK_CONTROL:-/var/lib/postgresql/pgdemo-link}"
# Our wrappers first, so scripts get the same pg_ctl as `docker exec … pg_ctl` does.
case ":$PATH:" in *":$PGDEMO_HOME/bin:"*) ;; *) export PATH="$PGDEMO_HOME/bin:$PATH" ;; esac

die() { echo "pgdemo: $*" >&2; exit 1; }

# The folder with this image's PostgreSQL binaries: PG_BINDIR, pg_config, the newest Debian-style
# /usr/lib/postgresql/<major>/bin, else /usr/local/bin (images built from source).
pgdemo_bindir() {
  local dir best='' major best_major=-1
  if [[ -n "${PG_BINDIR:-}" ]]; then echo "$PG_BINDIR"; return; fi
  if dir="$(pg_config --bindir 2>/dev/null)" && [[ -x "$dir/pg_ctl" ]]; then echo "$dir"; return; fi
  for dir in /usr/lib/postgresql/*/bin; do
    major="${dir#/usr/lib/postgresql/}"; major="${major%%/*}"; major="${major%%.*}"
    [[ -x "$dir/pg_ctl" && "$major" =~ ^[0-9]+$ && "$major" -gt "$best_major" ]] && { best="$dir"; best_major="$major"; }
  done
  if [[ -n "$best" ]]; then echo "$best"; return; fi
  if [[ -x /usr/local/bin/pg_ctl ]]; then echo /usr/local/bin; return; fi
  die "no PostgreSQL binaries found (tried PG_BINDIR, pg_config, /usr/lib/postgresql/*/bin, /usr/local/bin)"
}

server_running() { pg_ctl status -D "$PGDATA" >/dev/null 2>&1; }

# Postmasters of $PGDATA that pg_ctl cannot see: their postmaster.pid was deleted with the data directory's content
# (the seed's rebuild empties it), yet they still hold port 5432.
stray_postmasters() {
  local dir pid cmd
  for dir in /proc/[0-9]*; do
    pid="${dir#/proc/}"
    cmd="$(tr '\0' ' ' <"$dir/cmdline" 2>/dev/null)" || continue
    [[ "$cmd" == *"postgres -D $PGDATA "* ]] && echo "$pid"
  done
  return 0
}

kill_stray_postmasters() {
  local pids
  pids="$(stray_postmasters)"
  [[ -n "$pids" ]] || return 0
  echo "pgdemo: killing postmaster(s) without a pid file: $pids" >&2
  # shellcheck disable=SC2086
  kill -KILL $pids 2>/dev/null || true
  for _ in $(seq 50); do [[ -z "$(stray_postmasters)" ]] && return 0; sleep 0.1; done
}

require_stopped() {
  server_running && die "the server is running; stop it first (pgdemo-node stop fast)"
  return 0
}


# The data and golden directories are volume roots, so they cannot be renamed: fill a staging folder inside the
# target first (a failed copy or clone then loses nothing), and only then replace the rest of the content by it.
staging_dir() { echo "$1/.pgdemo-staging"; }

swap_in_staged() {
  local dir="$1" staged
  staged="$(staging_dir "$1")"
  find "$dir" -mindepth 1 -maxdepth 1 ! -path "$staged" -exec rm -rf {} +
  find "$staged" -mindepth 1 -maxdepth 1 -exec mv -t "$dir" {} +
  rmdir "$staged"
}

# A base backup of $1 into the staging folder of the data directory, set up to stream from $1 through slot $2
# with application_name $3 (pg_basebackup -R writes standby.signal and primary_conninfo).
base_backup_into_staging() {
  local host="$1" slot="$2" app="$3" staged
  staged="$(staging_dir "$PGDATA")"
  rm -rf "$staged"
  pg_basebackup -D "$staged" -R -S "$slot" -X stream -c fast \
    -d "host=$host port=5432 user=$PGDEMO_REPLICATION_USER password=$PGDEMO_REPLICATION_PASSWORD application_name=$app" \
    || { rm -rf "$staged"; return 1; }
}

: "${PGDEMO_REPLICATION_USER:=replicator}" "${PGDEMO_REPLICATION_PASSWORD:=replicator_password}"
