#!/usr/bin/env bash
# Local stand-ins for the public images docker/compose*.yaml name (postgres, redis, elasticmq-native
# and the JRE the service's image starts from), made from Debian bookworm packages because public
# registries cannot be reached here: mmdebstrap makes each root file system, podman imports it.
# A root file system is made once and kept while its package list is unchanged (its tag is a hash
# of that list, and it is also tagged :current); the small images on top of it are rebuilt from
# docker/local/*/Containerfile each time. The ElasticMQ stand-in runs the jar's `sqs-local`, so
# target/taskoverflow.jar must be built first. Needs root, podman and mmdebstrap (.ci/run installs them).
set -euo pipefail
cd "$(dirname "${BASH_SOURCE[0]}")"
project=$(cd ../.. && pwd)

SUITE=bookworm
REPOSITORY=localhost/taskoverflow-local
declare -A PACKAGES=(
  [jre]="openjdk-17-jre-headless wget"   # wget: the ElasticMQ health check
  [postgresql]="postgresql-15"
  [redis]="redis-server"
)

log() { echo "[images] $*" >&2; }

# debian_image NAME: the minbase root file system with PACKAGES[NAME], made unless kept.
debian_image() {
  local name=$1 packages=${PACKAGES[$1]}
  local tag; tag=$(printf '%s\n' "$SUITE" $packages | sha256sum | cut -c1-12)
  local image="$REPOSITORY/debian-$name:$tag"
  if podman image exists "$image"; then
    log "$image kept from an earlier run"
  else
    local tar; tar=$(mktemp --suffix=.tar)
    log "making $image: $SUITE minbase with $packages"
    mmdebstrap --quiet --variant=minbase --include="${packages// /,}" "$SUITE" "$tar" >&2
    podman import --quiet "$tar" "$image" >/dev/null
    rm -f "$tar"
  fi
  podman tag "$image" "$REPOSITORY/debian-$name:current"
  # an image of an older package list is of no use to the next run
  podman images --format '{{.Repository}}:{{.Tag}}' --filter "reference=$REPOSITORY/debian-$name" \
    | { grep -v -e ":$tag\$" -e ':current$' || true; } | xargs -r podman rmi --force >/dev/null
}

started=$SECONDS
# side by side: most of their time is downloading packages
pids=()
for name in "${!PACKAGES[@]}"; do debian_image "$name" & pids+=($!); done
for pid in "${pids[@]}"; do wait "$pid"; done

[ -f "$project/target/taskoverflow.jar" ] || { log "target/taskoverflow.jar is missing: mvn -B -q package -DskipTests"; exit 1; }
build() { # build IMAGE CONTAINERFILE CONTEXT
  podman build --quiet --tag "$1" --file "$2" "$3" >/dev/null
  log "built $1"
}
build "$REPOSITORY/postgres:15" postgres/Containerfile postgres
build "$REPOSITORY/redis:7" redis/Containerfile redis
build "$REPOSITORY/elasticmq:local" elasticmq/Containerfile "$project"
log "stand-in images ready in $((SECONDS - started)) s"
