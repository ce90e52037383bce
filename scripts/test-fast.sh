#!/usr/bin/env bash
# `make test-fast`: the edit-run loop. A throwaway PostgreSQL and Redis, then pytest
# without the browser tests (e2e), the real-process fault tests (processes) and the
# slow ones (slow); no lint, no system checks, no bench, no compose rehearsal.
#   make test-fast                         the unit and database tests of every app
#   make test-fast PYTEST_ARGS=tests/floor one app's
# `make test` still runs everything.
set -euo pipefail
cd "$(dirname "$0")/.."

VENV=.venv
source scripts/services.sh
trap services_stop EXIT
services_start
source scripts/test-env.sh

# The six languages' .mo files, compiled only when a catalogue changed.
for po in locale/*/LC_MESSAGES/*.po; do
  if [[ ! ${po%.po}.mo -nt $po ]]; then
    $VENV/bin/python manage.py compilemessages -v0 --ignore=.venv --ignore=.cache --ignore=var
    break
  fi
done

# The hashed static files the pages name, collected only when one changed.
manifest="$VAR_DIR/staticfiles/staticfiles.json"
if [[ ! -e $manifest || -n $(find static -newer "$manifest" -print -quit) ]]; then
  $VENV/bin/python manage.py collectstatic --noinput -v0
fi

# Both cores: pytest-xdist, a database per worker (pytest-django names them).
$VENV/bin/pytest -p no:cacheprovider -n "${TEST_FAST_WORKERS:-2}" -m "not e2e and not slow and not processes" "${@:-tests}"
