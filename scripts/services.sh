#!/usr/bin/env bash
# Throwaway PostgreSQL and Redis on loopback for tests and benchmarks.
# Source it, then call services_start; services_stop runs on exit.
#   Exports DATABASE_URL and TEST_REDIS_URL. PG_EXTRA_OPTS adds server options
#   (make bench loads pg_stat_statements this way).

PG_BIN=/usr/lib/postgresql/15/bin

free_port() {
  # A free TCP port below the ephemeral range (32768+), so client sockets never take it.
  python3 - "$1" <<'PY'
import socket, sys
start = int(sys.argv[1])
for port in range(start, start + 2000):
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", port))
        except OSError:
            continue
        print(port)
        break
PY
}

services_start() {
  SERVICES_DIR=$(mktemp -d /tmp/intersessional-services.XXXXXX)
  chmod 755 "$SERVICES_DIR"
  mkdir "$SERVICES_DIR/pg"
  chown postgres:postgres "$SERVICES_DIR/pg" 2>/dev/null || true

  PG_PORT=$(free_port 25432)
  echo "==> Starting PostgreSQL 15 on 127.0.0.1:$PG_PORT"
  local as_pg=()
  [[ $(id -u) -eq 0 ]] && as_pg=(runuser -u postgres --)
  "${as_pg[@]}" "$PG_BIN/initdb" --no-sync --auth=trust --username=postgres \
    --encoding=UTF8 --locale=C.UTF-8 -D "$SERVICES_DIR/pg/data" >"$SERVICES_DIR/initdb.log"
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg/data" -l "$SERVICES_DIR/pg/server.log" -w \
    -o "-p $PG_PORT -k $SERVICES_DIR/pg -c listen_addresses=127.0.0.1 -c fsync=off \
        -c synchronous_commit=off -c full_page_writes=off -c max_connections=200 ${PG_EXTRA_OPTS:-}" start >/dev/null
  "$PG_BIN/createdb" -h 127.0.0.1 -p "$PG_PORT" -U postgres intersessional
  export DATABASE_URL="postgres://postgres@127.0.0.1:$PG_PORT/intersessional"
  export PG_PORT

  REDIS_PORT=$(free_port 26379)
  echo "==> Starting Redis on 127.0.0.1:$REDIS_PORT"
  redis-server --port "$REDIS_PORT" --bind 127.0.0.1 --save "" --appendonly no \
    --daemonize yes --pidfile "$SERVICES_DIR/redis.pid" --logfile "$SERVICES_DIR/redis.log" \
    --dir "$SERVICES_DIR"
  export TEST_REDIS_URL="redis://127.0.0.1:$REDIS_PORT/0"
  export REDIS_PORT SERVICES_DIR
}

services_stop() {
  [[ -n ${SERVICES_DIR:-} && -d $SERVICES_DIR ]] || return 0
  echo "==> Stopping PostgreSQL and Redis"
  local as_pg=()
  [[ $(id -u) -eq 0 ]] && as_pg=(runuser -u postgres --)
  "${as_pg[@]}" "$PG_BIN/pg_ctl" -D "$SERVICES_DIR/pg/data" -m immediate stop >/dev/null 2>&1 || true
  if [[ -f $SERVICES_DIR/redis.pid ]]; then
    kill "$(cat "$SERVICES_DIR/redis.pid")" 2>/dev/null || true
  fi
  rm -rf "$SERVICES_DIR"
}
