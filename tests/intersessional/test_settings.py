"""Settings come from the environment, with defaults that are safe in production."""

import ast
import re
import subprocess
import sys
from pathlib import Path

import pytest
from django.core.exceptions import ImproperlyConfigured

from intersessional.env import env_http_header, env_secret

ROOT = Path(__file__).resolve().parents[2]
PROBE = "import django, os; django.setup(); from django.conf import settings as s; print({})"


def run_python(env: dict, *args: str) -> subprocess.CompletedProcess:
    """Python in the project with only `env` (and PATH) for an environment."""
    clean_env = {"PATH": "/usr/bin:/bin", "DJANGO_SETTINGS_MODULE": "intersessional.settings"}
    return subprocess.run(
        [sys.executable, *args],
        cwd=ROOT,
        env={**clean_env, **env},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_production_refuses_to_start_without_a_secret_key():
    result = run_settings({"DEBUG": "false", "ALLOWED_HOSTS": "example.org"}, "s.DEBUG")

    assert result.returncode != 0
    assert "SECRET_KEY must be set when DEBUG is off" in result.stderr


def test_allowed_hosts_star_is_refused():
    result = run_settings({"SECRET_KEY": "x" * 50, "ALLOWED_HOSTS": "*"}, "s.ALLOWED_HOSTS")

    assert result.returncode != 0
    assert "ALLOWED_HOSTS must name the site's hosts" in result.stderr


def test_defaults_are_sqlite_eager_tasks_and_console_mail(tmp_path):
    result = run_settings(
        {"DEBUG": "true", "VAR_DIR": str(tmp_path)},
        "(s.DATABASES['default']['ENGINE'], s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND)",
    )

    assert result.returncode == 0, result.stderr
    assert "sqlite3" in result.stdout
    assert "True" in result.stdout
    assert "console.EmailBackend" in result.stdout


def test_environment_selects_postgres_redis_and_smtp():
    result = run_settings(
        {
            "SECRET_KEY": "x" * 50,
            "ALLOWED_HOSTS": "example.org",
            "DATABASE_URL": "postgres://u:p@db.example:5432/reg",
            "REDIS_URL": "redis://cache.example:6379/0",
            "EMAIL_HOST": "smtp.example",
            "EMAIL_PORT": "2525",
        },
        "(s.DATABASES['default']['ENGINE'], s.DATABASES['default']['HOST'], "
        "s.CELERY_BROKER_URL, s.CELERY_TASK_ALWAYS_EAGER, s.EMAIL_BACKEND, s.EMAIL_PORT, "
        "s.SESSION_COOKIE_SECURE, s.SECURE_HSTS_SECONDS)",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == (
        "('django.db.backends.postgresql', 'db.example', 'redis://cache.example:6379/0', "
        "False, 'django.core.mail.backends.smtp.EmailBackend', 2525, True, 31536000)"
    )


# Production as docker-compose.yml sets it: behind one TLS proxy (nginx).
PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "registration.example.org",
    "SITE_URL": "https://registration.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "REDIS_URL": "redis://redis.example.org:6379/0",
    "DATABASE_URL": "postgres://user@db.example.org:5432/intersessional",
    "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto",
    "RATELIMIT_PROXY_COUNT": "1",
    "IDENTITY_ENCRYPTION_KEYS": "V2hhdCBhIDMyLWJ5dGUga2V5IGZvciB0ZXN0cyE_ISE=",
}


def run_settings(env: dict, expression: str) -> subprocess.CompletedProcess:
    return run_python(env, "-c", PROBE.format(expression))


def check_deploy(env: dict) -> subprocess.CompletedProcess:
    return run_python(env, "manage.py", "check", "--deploy", "--fail-level", "ERROR")


def check(env: dict) -> subprocess.CompletedProcess:
    """A plain `manage.py check`: the checks every command runs, not only --deploy."""
    return run_python(env, "manage.py", "check")


def production_with(tmp_path, **changes) -> dict:
    """PRODUCTION with some variables changed; None unsets one."""
    env = {**PRODUCTION, "VAR_DIR": str(tmp_path)}
    for name, value in changes.items():
        if value is None:
            env.pop(name, None)
        else:
            env[name] = value
    return env


def test_production_settings_pass_the_checks_of_every_command(tmp_path):
    result = check(production_with(tmp_path))

    assert result.returncode == 0, result.stderr
    assert "System check identified no issues" in result.stdout


def test_production_settings_pass_the_deploy_check():
    result = check_deploy(PRODUCTION)

    assert "intersessional.E0" not in result.stdout + result.stderr


def test_production_without_a_proxy_passes_the_checks(tmp_path):
    # TLS terminated by gunicorn itself, say: neither proxy setting, both consistent.
    env = production_with(tmp_path, SECURE_PROXY_SSL_HEADER=None, RATELIMIT_PROXY_COUNT=None)

    assert check(env).returncode == 0


def test_the_demo_passes_the_checks_with_debug_on(tmp_path):
    env = {"DEBUG": "true", "VAR_DIR": str(tmp_path), "INTERSESSIONAL_NOW": "2018-05-30T12:00"}

    result = check(env)

    assert result.returncode == 0, result.stderr


@pytest.mark.parametrize(
    ("changes", "error", "message"),
    [
        ({"SITE_URL": None}, "E001", "SITE_URL is 'http://127.0.0.1:8000'"),
        ({"SITE_URL": "http://registration.example.org"}, "E001", "e-mailed private links"),
        ({"SITE_URL": "https://localhost"}, "E001", "SITE_URL is 'https://localhost'"),
        ({"EMAIL_HOST": None}, "E002", "EMAIL_HOST is not set"),
        ({"REDIS_URL": None}, "E003", "Tasks would run inside web requests"),
        ({"DATABASE_URL": None}, "E004", "DATABASE_URL does not name PostgreSQL"),
        ({"INTERSESSIONAL_NOW": "2018-05-30T12:00"}, "E005", "INTERSESSIONAL_NOW is set"),
        (
            {"EMAIL_BACKEND": "django.core.mail.backends.console.EmailBackend"},
            "E006",
            "console.EmailBackend': e-mails would be printed, kept or dropped",
        ),
        (
            {"EMAIL_BACKEND": "django.core.mail.backends.locmem.EmailBackend"},
            "E006",
            "locmem.EmailBackend'",
        ),
        (
            {"EMAIL_BACKEND": "django.core.mail.backends.filebased.EmailBackend"},
            "E006",
            "filebased.EmailBackend'",
        ),
        (
            {"EMAIL_BACKEND": "django.core.mail.backends.dummy.EmailBackend"},
            "E006",
            "dummy.EmailBackend'",
        ),
        ({"RATELIMIT_PROXY_COUNT": None}, "E007", "RATELIMIT_PROXY_COUNT is 0"),
        ({"RATELIMIT_PROXY_COUNT": "0"}, "E007", "SECURE_PROXY_SSL_HEADER is set but"),
        ({"SECURE_PROXY_SSL_HEADER": None}, "E008", "SECURE_PROXY_SSL_HEADER is not set"),
        ({"IDENTITY_ENCRYPTION_KEYS": None}, "E009", "IDENTITY_ENCRYPTION_KEYS is not set"),
    ],
)
def test_every_command_refuses_production_settings_that_fail_open(
    changes, error, message, tmp_path
):
    result = check(production_with(tmp_path, **changes))

    assert result.returncode != 0
    assert f"intersessional.{error}" in result.stderr
    assert message in result.stderr
    # The one bad setting, and only it, is named.
    assert result.stderr.count("intersessional.E0") == 1 + (error == "E002"), result.stderr


def test_a_command_that_changes_the_database_refuses_before_touching_it(tmp_path):
    # The database in PRODUCTION does not exist: the check stops migrate before it connects.
    result = run_python(
        production_with(tmp_path, INTERSESSIONAL_NOW="2018-05-30T12:00"), "manage.py", "migrate"
    )

    assert result.returncode != 0
    assert "intersessional.E005" in result.stderr
    assert "db.example.org" not in result.stderr


def test_the_deploy_check_still_names_each_error(tmp_path):
    result = check_deploy(production_with(tmp_path, SITE_URL=None, REDIS_URL=None))

    assert result.returncode != 0
    assert "intersessional.E001" in result.stderr
    assert "intersessional.E003" in result.stderr


# Secrets from files (Docker secrets under /run/secrets/) ---------------------------


def test_secrets_are_read_from_files_without_their_trailing_newline(tmp_path):
    files = {
        "SECRET_KEY_FILE": "k" * 50 + "\n",
        "EMAIL_HOST_PASSWORD_FILE": "pass word\n",
        "DATABASE_URL_FILE": "postgres://reg:s3cret@db.example.org:5432/reg\r\n",
    }
    env = {"ALLOWED_HOSTS": "example.org"}
    for name, content in files.items():
        path = tmp_path / name.lower()
        path.write_text(content)
        env[name] = str(path)

    result = run_settings(
        env,
        "(s.SECRET_KEY, s.EMAIL_HOST_PASSWORD, s.DATABASES['default']['PASSWORD'], "
        "s.DATABASES['default']['HOST'])",
    )

    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == f"({'k' * 50!r}, 'pass word', 's3cret', 'db.example.org')"


def test_a_secret_set_both_ways_is_refused(tmp_path):
    path = tmp_path / "secret_key"
    path.write_text("k" * 50)

    result = run_settings({"SECRET_KEY": "x" * 50, "SECRET_KEY_FILE": str(path)}, "s.SECRET_KEY")

    assert result.returncode != 0
    assert "Set SECRET_KEY or SECRET_KEY_FILE, not both." in result.stderr


def test_an_unreadable_secret_file_is_refused_with_its_name(tmp_path):
    missing = tmp_path / "no-such-secret"

    result = run_settings(
        {"SECRET_KEY": "x" * 50, "DATABASE_URL_FILE": str(missing)}, "s.DATABASES"
    )

    assert result.returncode != 0
    assert f"DATABASE_URL_FILE: cannot read '{missing}'" in result.stderr


def test_env_secret_reads_the_variable_when_no_file_is_named(monkeypatch):
    monkeypatch.setenv("EMAIL_HOST_PASSWORD", "plain")
    monkeypatch.setenv("EMAIL_HOST_PASSWORD_FILE", "")

    assert env_secret("EMAIL_HOST_PASSWORD") == "plain"


def test_env_secret_keeps_inner_and_leading_spaces(monkeypatch, tmp_path):
    path = tmp_path / "password"
    path.write_text(" two  words \n\n")
    monkeypatch.delenv("EMAIL_HOST_PASSWORD", raising=False)
    monkeypatch.setenv("EMAIL_HOST_PASSWORD_FILE", str(path))

    assert env_secret("EMAIL_HOST_PASSWORD") == " two  words "


# The proxy's https header -----------------------------------------------------------


def test_no_proxy_header_is_trusted_by_default():
    result = run_settings({"SECRET_KEY": "x" * 50}, "s.SECURE_PROXY_SSL_HEADER")

    assert result.stdout.strip() == "None"


def test_the_proxy_header_is_named_as_http_writes_it():
    result = run_settings(
        {"SECRET_KEY": "x" * 50, "SECURE_PROXY_SSL_HEADER": "X-Forwarded-Proto"},
        "s.SECURE_PROXY_SSL_HEADER",
    )

    assert result.stdout.strip() == "('HTTP_X_FORWARDED_PROTO', 'https')"


def test_a_proxy_header_that_is_not_a_name_is_refused(monkeypatch):
    monkeypatch.setenv("SECURE_PROXY_SSL_HEADER", "HTTP_X_FORWARDED_PROTO=https")

    with pytest.raises(ImproperlyConfigured, match="must be a header's name"):
        env_http_header("SECURE_PROXY_SSL_HEADER")


# The operations guide's table of variables --------------------------------------------

# The project's own code: not the tests, the scripts or the migrations.
NOT_THE_APPS = {"tests", "scripts", "migrations", "var", "node_modules"}


def variables_read_by_the_apps() -> dict[str, str]:
    """Every environment variable the code reads, through intersessional/env.py's
    helpers or os.environ / os.getenv, with the file that reads it."""
    found = {}
    for path in sorted(ROOT.rglob("*.py")):
        parts = path.relative_to(ROOT).parts
        if any(part.startswith(".") or part in NOT_THE_APPS for part in parts):
            continue
        for node in ast.walk(ast.parse(path.read_text(), str(path))):
            for name in variable_names(node):
                found.setdefault(name, str(path.relative_to(ROOT)))
    return found


def variable_names(node) -> list[str]:
    def literal(arg):
        return arg.value if isinstance(arg, ast.Constant) and isinstance(arg.value, str) else None

    if isinstance(node, ast.Call) and node.args and (name := literal(node.args[0])):
        called = ast.unparse(node.func)
        if called == "env_secret":
            return [name, f"{name}_FILE"]
        if isinstance(node.func, ast.Name) and called.startswith("env_"):
            return [name]
        if called in {"os.environ.get", "os.getenv"}:
            return [name]
    if isinstance(node, ast.Subscript) and ast.unparse(node.value) == "os.environ":
        name = literal(node.slice)
        return [name] if name else []
    return []


def documented_variables() -> set[str]:
    text = (ROOT / "docs" / "operations.md").read_text()
    section = text.split("## Settings (environment variables)", 1)[1].split("\n## ", 1)[0]
    names = set()
    for line in section.splitlines():
        if line.startswith("| `"):
            first_cell = line.split("|")[1]
            names.update(re.findall(r"`([A-Z][A-Z0-9_]*)`", first_cell))
    return names


def test_every_environment_variable_is_in_the_operations_guide():
    read = variables_read_by_the_apps()
    # The walk sees the settings' variables (a broken walk would find none).
    assert {"SECRET_KEY", "SECRET_KEY_FILE", "EMAIL_BACKEND", "BENCH_BASELINE"} <= set(read)

    missing = {name: where for name, where in read.items() if name not in documented_variables()}

    assert not missing, (
        f"Add these to docs/operations.md, 'Settings (environment variables)': {missing}"
    )
