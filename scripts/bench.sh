#!/usr/bin/env bash
# `make bench`: the production shape on loopback, measured with wrk.
# PostgreSQL and Redis (scripts/services.sh), gunicorn with DEBUG off and four
# workers, a Celery worker; then each page is warmed up and measured
# BENCH_RUNS times for BENCH_DURATION at BENCH_CONNECTIONS connections, against a
# Django view that returns "ok" (the baseline). Prints the medians, then runs the
# badge and export benchmarks when they exist. Everything stops on exit.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_DURATION=${BENCH_DURATION:-10s}
BENCH_WARMUP=${BENCH_WARMUP:-3s}
BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-8}
BENCH_THREADS=${BENCH_THREADS:-2}
WEB_WORKERS=${WEB_WORKERS:-4}
step() { printf '\n==> %s\n' "$*"; }

scripts/system-packages.sh

source scripts/services.sh
PIDS=()
cleanup() {
  for pid in "${PIDS[@]}"; do
    kill "$pid" 2>/dev/null || true
  done
  for pid in "${PIDS[@]}"; do
    wait "$pid" 2>/dev/null || true
  done
  services_stop
}
trap cleanup EXIT
trap 'exit 130' INT TERM
services_start

# Production settings, served over plain HTTP on loopback.
export DEBUG=false
export SECRET_KEY="bench-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export SECURE_SSL_REDIRECT=false
export VAR_DIR="$PWD/var/bench"
export REDIS_URL="$TEST_REDIS_URL"
export INTERSESSIONAL_NOW="2018-05-30T12:00:00+02:00"
export BENCH_BASELINE=1
# The worker hands e-mails to a backend that drops them: nobody reads them here.
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
# The rate limit stays on (its cache lookup is part of a POST's cost) but far
# above what one load generator sends from one address.
export RATELIMIT_POSTS=100000000
export LOG_LEVEL=WARNING
LOGS="$SERVICES_DIR/logs"
mkdir -p "$LOGS"

step "Preparing the database and static files"
$VENV/bin/python manage.py migrate --noinput -v0
$VENV/bin/python manage.py load_reference_data
$VENV/bin/python manage.py collectstatic --noinput -v0
eval "$($VENV/bin/python manage.py bench_fixture | grep "^BENCH_")"
# The door (issue 12): a venue staff session and badges to scan; no per-user scan limit.
eval "$($VENV/bin/python manage.py bench_checkin_fixture | grep "^BENCH_SCAN_")"
export CHECKIN_POSTS_PER_MINUTE=0 BENCH_SCAN_SESSION BENCH_SCAN_CSRF BENCH_SCAN_CODES

WEB_PORT=$(free_port 27000)
BASE="http://127.0.0.1:$WEB_PORT"
step "Starting gunicorn ($WEB_WORKERS workers) on $BASE and a Celery worker"
$VENV/bin/gunicorn intersessional.wsgi --bind "127.0.0.1:$WEB_PORT" --workers "$WEB_WORKERS" \
  --timeout 60 >"$LOGS/gunicorn.log" 2>&1 &
PIDS+=($!)
$VENV/bin/celery -A intersessional worker --pool prefork --concurrency 1 --without-gossip \
  --without-mingle --loglevel WARNING >"$LOGS/celery.log" 2>&1 &
PIDS+=($!)
for _ in $(seq 100); do
  curl -fs -o /dev/null "$BASE/bench/baseline/" && break
  sleep 0.2
done
curl -fs -o /dev/null "$BASE/bench/baseline/" || {
  cat "$LOGS/gunicorn.log" >&2
  exit 1
}

# One real CSRF token and its cookie serve every POST of the run.
PAGE=$(curl -fs -D "$LOGS/form-headers.txt" "$BASE/register/delegate/")
BENCH_CSRF_TOKEN=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' <<<"$PAGE" | sed 's/.*value="//; s/"$//')
BENCH_CSRF_COOKIE=$(grep -io '^set-cookie: csrftoken=[^;]*' "$LOGS/form-headers.txt" | sed 's/.*csrftoken=//')
[[ -n $BENCH_CSRF_TOKEN && -n $BENCH_CSRF_COOKIE ]] || {
  echo "No CSRF token on the form page." >&2
  exit 1
}
export BENCH_CSRF_TOKEN BENCH_CSRF_COOKIE BENCH_STATE_PK
# Each wrk run numbers its e-mails from 1: a new run id keeps every address new.
run_id() { date +%s%N; }


# A trial POST: the form must accept it (302), or every figure below is an error page's.
trial=$(BENCH_RUN_ID=$(run_id) BENCH_METHOD=POST BENCH_LABEL=trial wrk -t1 -c1 -d1s -s scripts/bench/wrk.lua \
  "$BASE/register/delegate/")
[[ $trial == *'"statuses": {"302": '*'}'* ]] || {
  printf 'The trial registration POST was not accepted:\n%s\n' "$trial" >&2
  tail -20 "$LOGS/gunicorn.log" >&2
  exit 1
}

RESULTS="$LOGS/results.txt"
measure() {
  local label=$1 path=$2 method=${3:-GET}
  echo "    $label ($method $path): warm-up $BENCH_WARMUP, then $BENCH_RUNS x $BENCH_DURATION"
  BENCH_RUN_ID=$(run_id) BENCH_METHOD=$method BENCH_LABEL=$label \
    wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$BENCH_WARMUP" -s scripts/bench/wrk.lua "$BASE$path" >/dev/null
  for _ in $(seq "$BENCH_RUNS"); do
    BENCH_RUN_ID=$(run_id) BENCH_METHOD=$method BENCH_LABEL=$label \
      wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$BENCH_DURATION" --latency -s scripts/bench/wrk.lua "$BASE$path" \
      | grep '^BENCH_RESULT' | tee -a "$RESULTS" | cut -c1-120
  done
}

step "Measuring with wrk: $BENCH_CONNECTIONS connections, $BENCH_THREADS threads, $(nproc) cores"
measure baseline /bench/baseline/
measure home /
measure programme /programme/
measure "form GET" /register/delegate/
measure "private link" "$BENCH_DELEGATE_PATH"
# The door: a badge scan as the door page's JavaScript sends it (scripts/bench/scan.lua).
BENCH_RUN_ID=$(run_id) BENCH_LABEL="door scan" \
  wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$BENCH_WARMUP" -s scripts/bench/scan.lua "$BASE$BENCH_SCAN_PATH" >/dev/null
for _ in $(seq "$BENCH_RUNS"); do
  BENCH_RUN_ID=$(run_id) BENCH_LABEL="door scan" \
    wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$BENCH_DURATION" --latency -s scripts/bench/scan.lua "$BASE$BENCH_SCAN_PATH" \
    | grep '^BENCH_RESULT' | tee -a "$RESULTS" | cut -c1-120
done
# Last: the e-mails it queues keep the Celery worker busy for a while.
measure "form POST" /register/delegate/ POST

step "Results ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
$VENV/bin/python scripts/bench/report.py "$RESULTS"

for extra in scripts/bench_badges.py scripts/bench_exports.py; do
  if [[ -f $extra ]]; then
    step "$extra"
    $VENV/bin/python "$extra" || echo "$extra failed (exit $?)" >&2
  fi
done
