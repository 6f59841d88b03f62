# shellcheck shell=bash
# record-shim.bash — BASH_ENV for reading the seed's shell snippets without a cluster: every psql call records what
# psql would get (its arguments, its stdin, the files they name) in $PGDEMO_RECORD_DIR and prints nothing; docker exec
# runs its command here (the data folder mapped to $PGDEMO_RECORD_DATA); everything that would touch a server, the
# cluster or the clock does nothing, and `seq` gives one number, so the polling loops go round once.
# record-seed-calls.ts runs each snippet through this and reads the records (bash builtins only: it stays fast).

psql() {
  local base i=0 arg
  base="$PGDEMO_RECORD_DIR/${EPOCHREALTIME/./}-$BASHPID-$RANDOM"
  printf '%s\0' "$@" > "$base.args"
  for arg in "$@"; do
    if [[ -f $arg ]]; then cp "$arg" "$base.file-$i"; fi
    i=$((i + 1))
  done
  if [[ ! /dev/stdin -ef /dev/null ]]; then cat > "$base.stdin"; fi
}

docker() {
  local subcommand=${1-}
  shift
  [[ $subcommand == exec ]] || return 0
  while [[ $# -gt 0 ]]; do
    case $1 in
      -e | --env | -u | --user | -w | --workdir) shift 2 ;;
      -*) shift ;;
      *) break ;;
    esac
  done
  shift # the container
  local -a command=()
  local arg
  for arg in "$@"; do command+=("${arg//\/var\/lib\/postgresql\/data/$PGDEMO_RECORD_DATA}"); done
  "${command[@]}"
}

watch() {
  while [[ $# -gt 0 && $1 == -* ]]; do
    case $1 in
      -n | --interval) shift 2 ;;
      *) shift ;;
    esac
  done
  bash -c "$*"
}

setsid() { "$@"; }
pg_ctl() { :; }
pg_rewind() { :; }
pg_basebackup() { :; }
pg_controldata() { :; }
sleep() { :; }
ping() { :; }
iostat() { :; }
top() { :; }
seq() { echo 1; }

export -f psql docker watch setsid pg_ctl pg_rewind pg_basebackup pg_controldata sleep ping iostat top seq
