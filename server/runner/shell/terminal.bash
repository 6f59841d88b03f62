# shellcheck shell=bash
# terminal.bash — what a terminal would give the seed's commands that a slide cannot: loaded into every shell snippet
# of every backend (BASH_ENV, or sourced by a backend's own shim), before the snippet's first line.
#
#   watch [-n N] CMD   → CMD every N s (default 2), PGDEMO_WATCH_ROUNDS times (default 10), each round under a header
#                        like watch's, so a slide shows it update and the run ends (the real watch never ends).
#   pgdemo-net cut|heal <node>, delay <ms>
#                      → the network between the two nodes (pgdemo-net.mjs): a partition, or added latency.
#   pgdemo-reset       → a fresh streaming pair, as the deck's "Reset for this demo" (pgdemo-reset.mjs), so a block
#                        that crashes the primary can run again from the same start.
#
# The functions are exported, so a nested `bash -c …` sees them too.

watch() {
  local interval=2 title=1
  while [[ $# -gt 0 ]]; do
    case $1 in
      -n | --interval) interval=$2; shift 2 ;;
      -n?*) interval=${1#-n}; shift ;;
      --interval=*) interval=${1#--interval=}; shift ;;
      -t | --no-title) title=; shift ;;
      -d | --differences | -c | --color | -e | --errexit | -b | --beep | -p | --precise | -x | --exec) shift ;;
      --) shift; break ;;
      *) break ;;
    esac
  done
  local cmd="$*" rounds=${PGDEMO_WATCH_ROUNDS:-10} round
  for ((round = 1; round <= rounds; round++)); do
    if [[ -n $title ]]; then
      LC_ALL=C printf 'Every %.1fs: %s    %s\n\n' "$interval" "$cmd" "$(date '+%a %b %e %H:%M:%S %Y')"
    fi
    bash -c "$cmd"
    if ((round < rounds)); then
      sleep "$interval"
      echo
    fi
  done
}

pgdemo-net() {
  "$PGDEMO_NODE_BIN" "$PGDEMO_NET_SCRIPT" "$@"
}

pgdemo-reset() {
  "$PGDEMO_NODE_BIN" "$PGDEMO_RESET_SCRIPT" "$@"
}

export -f watch pgdemo-net pgdemo-reset
