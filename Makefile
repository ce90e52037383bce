# Two commands: `make run` (the demo) and `make test` (everything, on the real parts);
# `make test-fast` runs the unit and database tests while you work.
SHELL := /bin/bash
PYTHON ?= python3
UV_VERSION := 0.13.9
UV := .cache/uv/bin/uv
VENV := .venv
# A day before the deadline of 31 May 2018, Geneva time.
DEMO_NOW ?= 2018-05-30T12:00:00+02:00
# Staff's one-time code (on in production): `make run OTP_REQUIRED=true` to try it.
OTP_REQUIRED ?= false
# Where `make run` serves (tests/demo/test_make_run.py serves on another port).
RUN_ADDRESS ?= 127.0.0.1:8000

.PHONY: run test test-fast install lint format bench compose-check clean

install: $(VENV)/.installed

$(UV):
	@echo "==> Installing uv $(UV_VERSION) (the installer that reads uv.lock)"
	@# Debian's own python3 needs python3-venv for this; install it when we can.
	@$(PYTHON) -m venv .cache/uv 2>/dev/null || { rm -rf .cache/uv; \
	  if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq python3-venv >/dev/null; \
	  else echo "Install python3-venv (sudo apt-get install python3-venv), then run make again." >&2; exit 1; fi; \
	  $(PYTHON) -m venv .cache/uv; }
	@.cache/uv/bin/pip install --quiet "uv==$(UV_VERSION)"

# Reinstall only when the lock file changes: a second `make run` starts in seconds.
$(VENV)/.installed: uv.lock pyproject.toml | $(UV)
	@echo "==> Installing the locked dependencies into $(VENV)"
	@UV_PROJECT_ENVIRONMENT=$(VENV) UV_PYTHON_DOWNLOADS=never $(UV) sync --frozen --python $(PYTHON) --quiet
	@touch $@

run: install
	@echo "==> Preparing the demo database (SQLite in var/)"
	@# The translations are compiled from locale/*.po with gettext's msgfmt.
	@command -v msgfmt >/dev/null || { if [ "$$(id -u)" = 0 ]; then apt-get update -qq && apt-get install -y -qq gettext >/dev/null; \
	  else echo "Install gettext (sudo apt-get install gettext), then run make again." >&2; exit 1; fi; }
	@DEBUG=true INTERSESSIONAL_NOW=$(DEMO_NOW) $(VENV)/bin/python manage.py compilemessages -v0 --ignore=.venv --ignore=.cache --ignore=var
	@DEBUG=true INTERSESSIONAL_NOW=$(DEMO_NOW) $(VENV)/bin/python manage.py migrate --noinput -v0
	@DEBUG=true INTERSESSIONAL_NOW=$(DEMO_NOW) $(VENV)/bin/python manage.py load_reference_data
	@DEBUG=true INTERSESSIONAL_NOW=$(DEMO_NOW) $(VENV)/bin/python manage.py load_checkin_lists
	@# The fictional delegations and their story (the first time; then nothing is added).
	@DEBUG=true INTERSESSIONAL_NOW=$(DEMO_NOW) $(VENV)/bin/python manage.py demo_data
	@DEBUG=true INTERSESSIONAL_NOW=$(DEMO_NOW) $(VENV)/bin/python manage.py create_demo_staff
	@echo "==> Serving http://$(RUN_ADDRESS) (clock set to $(DEMO_NOW); e-mails print here; Ctrl-C stops)"
	@DEBUG=true OTP_REQUIRED=$(OTP_REQUIRED) INTERSESSIONAL_NOW=$(DEMO_NOW) $(VENV)/bin/python manage.py runserver $(RUN_ADDRESS)

# The Nu Html Checker for the HTML validity tests (run with the machine's Java).
VNU_VERSION := 26.9.27
VNU_JAR := .cache/npm/node_modules/vnu-jar/build/dist/vnu.jar
$(VNU_JAR):
	@echo "==> Installing the Nu Html Checker (npm vnu-jar@$(VNU_VERSION))"
	@scripts/system-packages.sh
	@npm install --silent --no-audit --no-fund --prefix .cache/npm vnu-jar@$(VNU_VERSION)

test: install $(VNU_JAR)
	@scripts/test.sh $(PYTEST_ARGS)

# The edit-run loop: PostgreSQL and Redis, then pytest without the markers e2e, slow
# and processes; no lint, checks, bench or compose. `make test-fast PYTEST_ARGS=tests/floor`.
test-fast: install
	@scripts/test-fast.sh $(PYTEST_ARGS)

# docker-compose.yml run for real: built, upgraded, broken and restored (docs/operations.md;
# scripts/compose/). Part of `make test`.
compose-check: install
	@scripts/compose/check.sh

# The production shape on loopback, measured with wrk (scripts/bench.sh; docs/performance.md).
bench: install
	@scripts/bench.sh

lint: install
	$(VENV)/bin/ruff check .
	$(VENV)/bin/ruff format --check .

format: install
	$(VENV)/bin/ruff check --fix .
	$(VENV)/bin/ruff format .

clean:
	rm -rf var .cache $(VENV)
