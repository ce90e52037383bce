#!/usr/bin/env bash
# `make test`: the whole check, on the real parts, from a fresh clone.
# Lint, migrations, the production deploy check, a short smoke of `make bench`,
# then pytest against PostgreSQL
# with Redis, Chromium and the Noto fonts. Services stop even when a step fails.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
# Each step's time, printed as a table when the run ends (passed or not).
TIMES=()
STEP_NAME=
step_end() {
  [[ -n $STEP_NAME ]] || return 0
  TIMES+=("$(printf '%6ds  %s' $((SECONDS - STEP_START)) "$STEP_NAME")")
  STEP_NAME=
}
step() {
  step_end
  STEP_NAME=$*
  STEP_START=$SECONDS
  printf '\n==> %s\n' "$*"
}
report_times() {
  step_end
  printf '\n==> Time per step (%ds in all)\n' "$SECONDS"
  printf '%s\n' "${TIMES[@]}"
}

step "system packages"
scripts/system-packages.sh

source scripts/services.sh
trap 'report_times; services_stop' EXIT
step "PostgreSQL and Redis"
services_start

source scripts/test-env.sh
# With DEBUG off every manage.py command that runs the system checks refuses settings
# that fail open (intersessional/checks.py): those commands get production's variables.
PRODUCTION_ENV=(
  ALLOWED_HOSTS=registration.example.org SECURE_SSL_REDIRECT=true
  SITE_URL=https://registration.example.org EMAIL_HOST=smtp.example.org
  REDIS_URL=redis://redis.example.org:6379/0
  SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto RATELIMIT_PROXY_COUNT=1
)

step "compilemessages (the six languages' .mo files, never committed)"
$VENV/bin/python manage.py compilemessages -v0 --ignore=.venv --ignore=.cache --ignore=var

step "ruff check"
$VENV/bin/ruff check .
step "ruff format --check"
$VENV/bin/ruff format --check .
step "import contracts (import-linter: the arrows of docs/development.md)"
$VENV/bin/lint-imports --no-cache
step "makemigrations --check"
env "${PRODUCTION_ENV[@]}" $VENV/bin/python manage.py makemigrations --check --dry-run
step "check --deploy (production settings)"
env "${PRODUCTION_ENV[@]}" $VENV/bin/python manage.py check --deploy --fail-level WARNING
# compilemessages runs no system check, collectstatic only the static files' ones.
step "collectstatic (hashed, compressed: as production serves them)"
$VENV/bin/python manage.py collectstatic --noinput -v0
step "docs (MkDocs --strict: a broken link or a page left out of the navigation fails)"
$VENV/bin/mkdocs build --strict --quiet

# `make bench` on the real parts for about a second a page, figures not judged: a
# broken bench (a fixture that raises, a page that answers 500) fails the build.
# A targeted run (pytest arguments given) skips it unless BENCH_SMOKE=1.
if [[ ${BENCH_SMOKE:-$(($# == 0))} == 1 ]]; then
  step "make bench, short smoke (BENCH_RUNS=1 BENCH_DURATION=1s, tiny badge and export runs)"
  BENCH_RUNS=1 BENCH_DURATION=1s BENCH_WARMUP=1s BENCH_BADGES=4 BENCH_EXPORT_DELEGATES=40 \
    scripts/bench.sh
  step "make bench BENCH_PAGES=\"door scan\", short smoke (docs/performance.md's one-page measure)"
  BENCH_RUNS=1 BENCH_DURATION=1s BENCH_WARMUP=1s BENCH_PAGES="door scan" scripts/bench.sh
fi

# A random start: suites run side by side on one machine would all take 28000 first.
LIVE_SERVER_ADDRESS="localhost:$(free_port $((28000 + RANDOM % 2000)))"
export LIVE_SERVER_ADDRESS
step "pytest on PostgreSQL"
$VENV/bin/pytest -p no:cacheprovider "$@"

# `make test-fast`, the README's edit-run loop, on one module: a broken loop fails here.
if [[ ${BENCH_SMOKE:-$(($# == 0))} == 1 ]]; then
  step "make test-fast, short smoke (one module, its own PostgreSQL and Redis)"
  scripts/test-fast.sh tests/intersessional/test_health.py
fi

# docker-compose.yml run for real (`make compose-check`): every service healthy, a
# registration and its e-mail through the proxy, staff, badges, a worker killed, an
# upgrade, restarts, backup and restore. A targeted run skips it unless COMPOSE_CHECK=1.
if [[ ${COMPOSE_CHECK:-$(($# == 0))} == 1 ]]; then
  step "make compose-check (the production rehearsal)"
  scripts/compose/check.sh
fi
