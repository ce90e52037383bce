#!/usr/bin/env bash
# `make compose-check`: the production shape, run for real (docs/operations.md). Starts a Docker engine when none runs (and stops only what it started),
# builds a Debian base image once (kept in .cache/compose/), stand-ins for the images
# no registry here can give (scripts/compose/standins/), then the repository's own
# Dockerfile and docker-compose.yml, and runs the rehearsal
# (scripts/compose/rehearsal.py): upgrade, registration, e-mail, staff, badges, a
# worker killed, restarts, backup and restore, figures. Loopback only.
set -euo pipefail
cd "$(dirname "$0")/../.."

CACHE=$PWD/.cache/compose
BASE=intersessional-base:bookworm
mkdir -p "$CACHE"
step() { printf '\n==> %s\n' "$*"; }

need_packages() {
  local missing=()
  command -v dockerd >/dev/null || missing+=(docker.io)
  command -v debootstrap >/dev/null || missing+=(debootstrap)
  command -v openssl >/dev/null || missing+=(openssl)
  ((${#missing[@]} == 0)) && return 0
  if [[ $(id -u) -ne 0 ]]; then
    echo "Missing Debian packages: ${missing[*]} (sudo apt-get install ${missing[*]})" >&2
    exit 1
  fi
  step "Installing ${missing[*]}"
  DEBIAN_FRONTEND=noninteractive apt-get update -qq
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

STARTED_ENGINE=
engine_start() {
  if docker info >/dev/null 2>&1; then
    echo "==> Docker engine already running: using it (and leaving it running)"
    return 0
  fi
  if [[ $(id -u) -ne 0 ]]; then
    echo "No Docker engine answers and only root can start one here." >&2
    exit 1
  fi
  step "Starting a Docker engine (dockerd, log in $CACHE/dockerd.log)"
  dockerd >"$CACHE/dockerd.log" 2>&1 &
  STARTED_ENGINE=$!
  for _ in $(seq 60); do
    docker info >/dev/null 2>&1 && return 0
    kill -0 "$STARTED_ENGINE" 2>/dev/null || break
    sleep 0.5
  done
  echo "The Docker engine did not start; its log:" >&2
  tail -n 20 "$CACHE/dockerd.log" >&2
  exit 1
}

engine_stop() {
  [[ -n $STARTED_ENGINE ]] || return 0
  echo "==> Stopping the Docker engine this check started"
  kill "$STARTED_ENGINE" 2>/dev/null || true
  for _ in $(seq 40); do kill -0 "$STARTED_ENGINE" 2>/dev/null || return 0; sleep 0.5; done
  kill -9 "$STARTED_ENGINE" 2>/dev/null || true
}

# Debian bookworm (minbase) as an image, made once and kept as a tar in .cache/. It
# trusts the host's own certificate authorities (/usr/local/share/ca-certificates),
# so that the builds reach PyPI through whatever TLS proxy the host goes through.
base_image() {
  docker image inspect "$BASE" >/dev/null 2>&1 && return 0
  if [[ ! -s $CACHE/base-bookworm.tar ]]; then
    step "Building the Debian base image with debootstrap (once; kept in .cache/compose/)"
    local root=$CACHE/base-root
    rm -rf "$root"
    debootstrap --variant=minbase bookworm "$root" http://deb.debian.org/debian >"$CACHE/debootstrap.log" 2>&1 ||
      { tail -n 20 "$CACHE/debootstrap.log" >&2; exit 1; }
    rm -rf "$root"/var/cache/apt/archives/*.deb "$root"/var/lib/apt/lists/*
    if compgen -G "/usr/local/share/ca-certificates/*.crt" >/dev/null; then
      mkdir -p "$root/usr/local/share/ca-certificates"
      cp /usr/local/share/ca-certificates/*.crt "$root/usr/local/share/ca-certificates/"
    fi
    tar -C "$root" -cf "$CACHE/base-bookworm.tar.tmp" .
    mv "$CACHE/base-bookworm.tar.tmp" "$CACHE/base-bookworm.tar"
    rm -rf "$root"
  fi
  step "Importing the base image $BASE"
  docker import "$CACHE/base-bookworm.tar" "$BASE" >/dev/null
}

standins() {
  step "Building the stand-ins (postgres, redis, mailpit, python) from Debian's packages"
  local name
  for name in python postgres redis mailpit; do
    docker build --quiet --build-arg BASE_IMAGE="$BASE" -t "intersessional-standin-$name" \
      "scripts/compose/standins/$name" >"$CACHE/standin-$name.log" 2>&1 ||
      { tail -n 30 "$CACHE/standin-$name.log" >&2; exit 1; }
  done
}

cleanup() {
  local status=$?
  engine_stop
  exit "$status"
}
trap cleanup EXIT

need_packages
engine_start
base_image
standins

# The compose file's image names and build arguments, pointed at the stand-ins; a real
# deployment leaves them unset and gets the official images.
export POSTGRES_IMAGE=intersessional-standin-postgres
export REDIS_IMAGE=intersessional-standin-redis
export MAILPIT_IMAGE=intersessional-standin-mailpit
export BASE_IMAGE=intersessional-standin-python
export DEBIAN_IMAGE=$BASE

.venv/bin/python scripts/compose/rehearsal.py "$@"
echo "==> make compose-check passed in $SECONDS s"
