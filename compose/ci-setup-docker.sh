#!/usr/bin/env bash
# CI on a fresh Debian 12 machine, as root: a Docker engine on the local socket AND on tcp://127.0.0.1:2375 (the
# remote-engine test reaches the same engine there), docker-compose, debootstrap, and the local PostgreSQL image.
# Everything is logged to stderr with its time; stdout is one line to eval: export PG_IMAGE=…
#   eval "$(compose/ci-setup-docker.sh)"
set -euo pipefail
cd "$(dirname "$0")/.."

say() { printf 'ci-setup-docker: %s\n' "$*" >&2; }
timed() {
  local label="$1" started=$SECONDS; shift
  "$@"
  say "$label: $((SECONDS - started)) s"
}

install_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v docker-compose >/dev/null || missing+=(docker-compose)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  [[ ${#missing[@]} -gt 0 ]] || { say "packages already installed"; return; }
  export DEBIAN_FRONTEND=noninteractive
  apt-get update -qq >&2
  apt-get install -y -qq --no-install-recommends "${missing[@]}" >&2
}

start_engine() {
  if docker info >/dev/null 2>&1; then
    docker -H tcp://127.0.0.1:2375 info >/dev/null 2>&1 \
      || say "an engine runs without the tcp://127.0.0.1:2375 endpoint: the remote-engine test will be skipped"
    return
  fi
  # loopback only: an engine API without TLS must never be reachable from the network
  nohup dockerd -H unix:///var/run/docker.sock -H tcp://127.0.0.1:2375 >/var/log/pgdemo-dockerd.log 2>&1 &
  for _ in $(seq 60); do docker info >/dev/null 2>&1 && return; sleep 0.5; done
  say "dockerd did not answer within 30 s; its log:"; tail -20 /var/log/pgdemo-dockerd.log >&2; exit 1
}

timed "apt-get install (docker.io docker-compose debootstrap)" install_packages
timed "dockerd answering" start_engine
image_started=$SECONDS
image="$(bash compose/build-image.sh)"
say "PostgreSQL image $image: $((SECONDS - image_started)) s"
echo "export PG_IMAGE=$image"
