#!/usr/bin/env bash
# `make bench`: the production shape on loopback, measured with wrk.
# PostgreSQL (with pg_stat_statements) and Redis (scripts/services.sh), gunicorn with
# DEBUG off and four workers behind nginx (deploy/nginx/, the production proxy
# directives), a Celery worker; then each page is warmed up and measured
# BENCH_RUNS times for BENCH_DURATION at BENCH_CONNECTIONS connections, through
# nginx, against a Django view that returns "ok" (the baseline, through the same
# proxy). scripts/bench/measure.py reads, around each run, the CPU that each process
# group spent (/proc) and the statements each database role ran; report.py prints the
# medians. Then the badge and export benchmarks (BENCH_BADGES badges,
# BENCH_EXPORT_DELEGATES delegates). Everything stops on exit.
#
# Any step that fails stops the bench with its message and a non-zero exit: `make
# test` runs a short smoke of this script (scripts/test.sh), so a broken bench
# breaks the build.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
BENCH_RUNS=${BENCH_RUNS:-3}
BENCH_DURATION=${BENCH_DURATION:-10s}
BENCH_WARMUP=${BENCH_WARMUP:-3s}
export BENCH_CONNECTIONS=${BENCH_CONNECTIONS:-8}
BENCH_THREADS=${BENCH_THREADS:-2}
BENCH_BADGES=${BENCH_BADGES:-1000}
BENCH_EXPORT_DELEGATES=${BENCH_EXPORT_DELEGATES:-10000}
# Comma-separated labels (as report.py prints them: "private link,door scan") to
# measure only those pages, beside the baseline, and skip the badges and exports.
BENCH_PAGES=${BENCH_PAGES:-}
WEB_WORKERS=${WEB_WORKERS:-4}
step() { printf '\n==> %s\n' "$*"; }
die() {
  printf 'make bench: %s\n' "$*" >&2
  exit 1
}

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
# Statements counted per database role, BEGIN and COMMIT left out.
export PG_EXTRA_OPTS="-c shared_preload_libraries=pg_stat_statements -c pg_stat_statements.track_utility=off"
services_start
PSQL=("$PG_BIN/psql" -q -v ON_ERROR_STOP=1 -h 127.0.0.1 -p "$PG_PORT" -U postgres -d intersessional)
# The web processes connect as postgres, the Celery worker as bench_worker, and
# measure.py reads the counts as bench_observer, so each is counted apart.
"${PSQL[@]}" -c "CREATE EXTENSION pg_stat_statements" \
  -c "CREATE ROLE bench_worker LOGIN SUPERUSER" -c "CREATE ROLE bench_observer LOGIN SUPERUSER"
WORKER_DATABASE_URL="postgres://bench_worker@127.0.0.1:$PG_PORT/intersessional"
STATS_URL="postgres://bench_observer@127.0.0.1:$PG_PORT/intersessional"

# Production settings, served over plain HTTP on loopback behind one proxy.
export DEBUG=false
export SECRET_KEY="bench-$(python3 -c 'import secrets; print(secrets.token_urlsafe(40))')"
export IDENTITY_ENCRYPTION_KEYS="$(python3 -c 'import base64, os; print(base64.urlsafe_b64encode(os.urandom(32)).decode())')"
export ALLOWED_HOSTS="127.0.0.1,localhost"
export SECURE_SSL_REDIRECT=false
export VAR_DIR="$PWD/var/bench"
export REDIS_URL="$TEST_REDIS_URL"
export INTERSESSIONAL_NOW="2018-05-30T12:00:00+02:00"
export BENCH_BASELINE=1
export RATELIMIT_PROXY_COUNT=1 SECURE_PROXY_SSL_HEADER=X-Forwarded-Proto
# The worker hands e-mails to a backend that drops them: nobody reads them here.
export EMAIL_BACKEND=django.core.mail.backends.dummy.EmailBackend
# The rate limit stays on (its cache lookup is part of a POST's cost) but far
# above what one load generator sends from one address.
export RATELIMIT_POSTS=100000000
export LOG_LEVEL=WARNING
LOGS="$SERVICES_DIR/logs"
mkdir -p "$LOGS"

step "Preparing the database and static files"
# --skip-checks: production's checks (intersessional/checks.py) refuse, with DEBUG off,
# what the bench does on purpose: a fixed clock, e-mail dropped, SITE_URL on loopback.
$VENV/bin/python manage.py migrate --noinput -v0 --skip-checks
$VENV/bin/python manage.py load_reference_data --skip-checks
$VENV/bin/python manage.py collectstatic --noinput -v0
# Captured first, so that a failing command stops the bench here with its traceback
# (a pipe into grep inside eval would hide both).
fixture=$($VENV/bin/python scripts/bench/fixtures.py delegate) ||
  die "scripts/bench/fixtures.py delegate failed"
BENCH_DELEGATE_PATH=$(sed -n 's/^BENCH_DELEGATE_PATH=//p' <<<"$fixture")
BENCH_STATE_PK=$(sed -n 's/^BENCH_STATE_PK=//p' <<<"$fixture")
[[ $BENCH_DELEGATE_PATH == /* && $BENCH_STATE_PK =~ ^[0-9]+$ ]] ||
  die "fixtures.py delegate printed no delegate path and State: $fixture"
# The door (issue 12): a venue staff session and badges to scan; no per-user scan limit.
fixture=$($VENV/bin/python scripts/bench/fixtures.py door) ||
  die "scripts/bench/fixtures.py door failed"
for name in BENCH_SCAN_PATH BENCH_SCAN_SESSION BENCH_SCAN_CSRF BENCH_SCAN_CODES; do
  value=$(sed -n "s/^$name=//p" <<<"$fixture")
  [[ -n $value ]] || die "fixtures.py door printed no $name: $fixture"
  printf -v "$name" '%s' "$value"
done
export CHECKIN_POSTS_PER_MINUTE=0 BENCH_SCAN_SESSION BENCH_SCAN_CSRF BENCH_SCAN_CODES
# The room (issue 25): an item under way, for the live page as phones poll it.
fixture=$($VENV/bin/python scripts/bench/fixtures.py room) || die "scripts/bench/fixtures.py room failed"
BENCH_LIVE_PATH=$(sed -n 's/^BENCH_LIVE_PATH=//p' <<<"$fixture")
# The Sponsorship committee's page with 200 applications (issue 24), signed in.
fixture=$($VENV/bin/python scripts/bench/fixtures.py committee) ||
  die "scripts/bench/fixtures.py committee failed"
BENCH_COMMITTEE_PATH=$(sed -n 's/^BENCH_COMMITTEE_PATH=//p' <<<"$fixture")
BENCH_STAFF_SESSION=$(sed -n 's/^BENCH_STAFF_SESSION=//p' <<<"$fixture")
[[ -n $BENCH_COMMITTEE_PATH && -n $BENCH_STAFF_SESSION ]] || die "fixtures.py committee: $fixture"
export BENCH_STAFF_SESSION

WEB_PORT=$(free_port 27000)
PROXY_PORT=$(free_port 27080)
BASE="http://127.0.0.1:$PROXY_PORT"
step "Starting gunicorn ($WEB_WORKERS workers) on :$WEB_PORT, nginx on $BASE, a Celery worker"
$VENV/bin/gunicorn intersessional.wsgi --bind "127.0.0.1:$WEB_PORT" --workers "$WEB_WORKERS" \
  --timeout 60 >"$LOGS/gunicorn.log" 2>&1 &
WEB_PID=$!
PIDS+=("$WEB_PID")
NGINX_CONF=$(python3 scripts/nginx_conf.py --port "$PROXY_PORT" --upstream "127.0.0.1:$WEB_PORT" \
  --static-root "$VAR_DIR/staticfiles" --run-dir "$SERVICES_DIR/nginx")
nginx -p "$SERVICES_DIR/nginx" -e "$SERVICES_DIR/nginx/error.log" -c "$NGINX_CONF" \
  >"$LOGS/nginx.log" 2>&1 &
NGINX_PID=$!
PIDS+=("$NGINX_PID")
DATABASE_URL=$WORKER_DATABASE_URL $VENV/bin/celery -A intersessional worker --pool prefork \
  --concurrency 1 --without-gossip --without-mingle --loglevel WARNING >"$LOGS/celery.log" 2>&1 &
WORKER_PID=$!
PIDS+=("$WORKER_PID")
for _ in $(seq 150); do
  curl -fs -o /dev/null "$BASE/bench/baseline/" && break
  sleep 0.2
done
curl -fs -o /dev/null "$BASE/bench/baseline/" || {
  cat "$LOGS/gunicorn.log" "$LOGS/nginx.log" "$SERVICES_DIR/nginx/error.log" >&2
  die "the site did not answer through nginx"
}
# Static files come from nginx, not from Django.
static=$(sed -n 's/.*href="\(\/static\/[^"]*\.css\)".*/\1/p' <(curl -fs "$BASE/en/") | head -1)
[[ -n $static ]] && curl -fs -o /dev/null "$BASE$static" || die "no stylesheet served at $BASE$static"
PG_PID=$(head -1 "$SERVICES_DIR/pg/data/postmaster.pid")
REDIS_PID=$(cat "$SERVICES_DIR/redis.pid")
PROC_GROUPS="web=$WEB_PID,worker=$WORKER_PID,postgres=$PG_PID,redis=$REDIS_PID,nginx=$NGINX_PID"

# One real CSRF token and its cookie serve every POST of the run.
PAGE=$(curl -fs -D "$LOGS/form-headers.txt" "$BASE/en/register/delegate/") || die "no form page"
BENCH_CSRF_TOKEN=$(grep -o 'name="csrfmiddlewaretoken" value="[^"]*"' <<<"$PAGE" | sed 's/.*value="//; s/"$//') || true
BENCH_CSRF_COOKIE=$(grep -io '^set-cookie: csrftoken=[^;]*' "$LOGS/form-headers.txt" | sed 's/.*csrftoken=//') || true
[[ -n $BENCH_CSRF_TOKEN && -n $BENCH_CSRF_COOKIE ]] || die "no CSRF token on the form page"
export BENCH_CSRF_TOKEN BENCH_CSRF_COOKIE BENCH_STATE_PK
# Each wrk run numbers its e-mails from 1: a new run id keeps every address new.
run_id() { date +%s%N; }

# A trial POST: the form must accept it (302), or every figure below is an error page's.
# (curl, not a one-second wrk run: on a busy machine a fresh worker's first POST can
# take longer than that.)
trial=$(curl -s -o "$LOGS/trial.html" -w '%{http_code}' --max-time 60 \
  -H "Cookie: csrftoken=$BENCH_CSRF_COOKIE" \
  --data "csrfmiddlewaretoken=$BENCH_CSRF_TOKEN&kind=state&state=$BENCH_STATE_PK&organisation=" \
  --data "title=Dr&given_name=Trial&family_name=Post&badge_name=&function=Counsellor&role=delegate" \
  --data "email=trial-$(run_id)%40example.org&gender=undisclosed&age_band=undisclosed" \
  "$BASE/en/register/delegate/") || true
[[ $trial == 302 ]] || {
  tail -20 "$LOGS/gunicorn.log" >&2
  die "the trial registration POST was not accepted (HTTP $trial; the page is in $LOGS/trial.html)"
}

RESULTS="$LOGS/results.txt"
: >"$RESULTS"
MEASURE=($VENV/bin/python scripts/bench/measure.py --groups "$PROC_GROUPS" --stats-url "$STATS_URL"
  --roles "web=postgres,worker=bench_worker")
measure() {
  local label=$1 path=$2 method=${3:-GET} script=${4:-scripts/bench/wrk.lua} drain=()
  [[ -z $BENCH_PAGES || $label == baseline || ",$BENCH_PAGES," == *",$label,"* ]] || return 0
  # A registration POST queues an e-mail: wait for the worker, so each run pays for its own.
  [[ $method == POST ]] && drain=(--drain "$REDIS_URL")
  echo "    $label ($method $path): warm-up $BENCH_WARMUP, then $BENCH_RUNS x $BENCH_DURATION"
  BENCH_RUN_ID=$(run_id) BENCH_METHOD=$method BENCH_LABEL=$label "${MEASURE[@]}" "${drain[@]}" -- \
    wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$BENCH_WARMUP" -s "$script" \
    "$BASE$path" >/dev/null
  for _ in $(seq "$BENCH_RUNS"); do
    BENCH_RUN_ID=$(run_id) BENCH_METHOD=$method BENCH_LABEL=$label \
      "${MEASURE[@]}" --results "$RESULTS" "${drain[@]}" -- \
      wrk -t"$BENCH_THREADS" -c"$BENCH_CONNECTIONS" -d"$BENCH_DURATION" --latency \
      -s "$script" "$BASE$path"
  done
}

step "Measuring through nginx with wrk: $BENCH_CONNECTIONS connections, $BENCH_THREADS threads, $(nproc) cores"
measure baseline /bench/baseline/
measure home /en/
measure "home (fr)" /fr/
measure programme /en/programme/
measure "form GET" /en/register/delegate/
measure "form GET (ar)" /ar/register/delegate/
measure "private link" "$BENCH_DELEGATE_PATH"
# The door: a badge scan as the door page's JavaScript sends it (scripts/bench/scan.lua).
measure "door scan" "$BENCH_SCAN_PATH" SCAN scripts/bench/scan.lua
measure "form POST" /en/register/delegate/ POST
# The live page as phones poll it (issue 25): its state with the ETag they hold (304),
# and the state itself when it changed (200). scripts/bench/live.lua.
BENCH_LIVE_ETAG=$(curl -fs -o /dev/null -D - "$BASE$BENCH_LIVE_PATH" | sed -n 's/^etag: //Ip' | tr -d '\r')
[[ -n $BENCH_LIVE_ETAG ]] || die "the live page's state has no ETag"
export BENCH_LIVE_ETAG
measure "live poll" "$BENCH_LIVE_PATH" GET scripts/bench/live.lua
measure "live state" "$BENCH_LIVE_PATH"
measure "committee (200)" "$BENCH_COMMITTEE_PATH" GET scripts/bench/staff_get.lua

step "Results ($(nproc) cores, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | xargs))"
# The previous run of the same number and length of runs is printed beside this one.
KEEP="$PWD/var/bench/figures-${BENCH_RUNS}x${BENCH_DURATION}.json"
$VENV/bin/python scripts/bench/report.py "$RESULTS" --keep "$KEEP" \
  --commit "$(git rev-parse --short HEAD 2>/dev/null || echo '?')"
[[ -z $BENCH_PAGES ]] || exit 0

step "scripts/bench_badges.py $BENCH_BADGES --photos"
$VENV/bin/python scripts/bench_badges.py "$BENCH_BADGES" --photos
step "scripts/bench_exports.py --delegates $BENCH_EXPORT_DELEGATES"
$VENV/bin/python scripts/bench_exports.py --delegates "$BENCH_EXPORT_DELEGATES"
