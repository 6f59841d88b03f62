#!/usr/bin/env bash
# Builds a local PostgreSQL image from Debian's own packages, with no container registry (none is reachable on the
# machines this deck is tested on): debootstrap a minimal Debian, then `docker import` the tree.
# The image is labelled with a hash of everything that shapes it, so a second run finds it and skips the build.
# Progress goes to stderr; the image name (for PG_IMAGE) is the only line on stdout.
set -euo pipefail

IMAGE="${PGDEMO_IMAGE_NAME:-pgdemo/postgres:15}"
SUITE=bookworm
MIRROR="${DEBIAN_MIRROR:-http://deb.debian.org/debian}"
# procps, iputils-ping, sysstat: the seed's Demo 4 runs top, ps, ping and iostat inside the containers.
PACKAGES=postgresql-15,procps,iputils-ping,sysstat
ARCH="$(dpkg --print-architecture 2>/dev/null || uname -m)"
LABEL=org.pgdemo.build-inputs

say() { printf '%s\n' "$*" >&2; }

command -v docker >/dev/null || { say "docker CLI not found: apt-get install docker.io"; exit 1; }
docker info >/dev/null 2>&1 || { say "no Docker engine answers at ${DOCKER_HOST:-unix:///var/run/docker.sock}"; exit 1; }

inputs_hash="$(printf '%s\n' "$SUITE" "$MIRROR" "$PACKAGES" "$ARCH" "$IMAGE" | cat - "$0" | sha256sum | cut -c1-16)"

existing="$(docker images -q --filter "label=$LABEL=$inputs_hash" | head -n1)"
if [[ -n "$existing" ]]; then
  # Same inputs were built before: make sure the name points at that build, and stop.
  docker tag "$existing" "$IMAGE"
  say "image $IMAGE is up to date (inputs $inputs_hash)"
  echo "$IMAGE"
  exit 0
fi

command -v debootstrap >/dev/null || { say "debootstrap not found: apt-get install debootstrap"; exit 1; }
[[ $EUID -eq 0 ]] || { say "debootstrap needs root (sudo $0)"; exit 1; }

root="$(mktemp -d /var/tmp/pgdemo-rootfs.XXXXXX)"
cleanup() {
  # debootstrap may leave /proc or /sys mounted inside the tree if it fails half-way.
  for m in proc sys dev/pts dev; do umount -l "$root/$m" 2>/dev/null || true; done
  rm -rf --one-file-system "$root"
}
trap cleanup EXIT

started=$SECONDS
say "debootstrap $SUITE ($PACKAGES) from $MIRROR into $root …"
debootstrap --variant=minbase --include="$PACKAGES" "$SUITE" "$root" "$MIRROR" >&2

# Debian's postinst made a default cluster (15/main) this image never uses; package caches only add size.
rm -rf "$root"/var/lib/postgresql/[0-9]* "$root"/etc/postgresql/[0-9]* \
  "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
# Docker gives a fresh named volume the owner of the directory it is mounted on, so these must exist and belong to
# postgres (the containers run as postgres and cannot chown). /var/run/postgresql is libpq's default socket folder.
chroot "$root" install -d -o postgres -g postgres -m 700 /var/lib/postgresql/data /var/lib/postgresql/golden
chroot "$root" install -d -o postgres -g postgres -m 2775 /var/run/postgresql

bindir="$(cd "$root" && ls -d usr/lib/postgresql/*/bin | sort -V | tail -n1)"
say "import as $IMAGE …"
tar --numeric-owner -C "$root" -c . | docker import \
  --change "ENV PATH=/$bindir:/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin" \
  --change "ENV LANG=C.UTF-8" \
  --change "ENV PGDATA=/var/lib/postgresql/data" \
  --change "LABEL $LABEL=$inputs_hash" \
  --change 'CMD ["bash"]' \
  - "$IMAGE" >/dev/null
say "built $IMAGE in $((SECONDS - started)) s (inputs $inputs_hash)"
echo "$IMAGE"
