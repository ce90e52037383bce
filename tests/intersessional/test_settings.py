"""Settings come from the environment, with defaults that are safe in production."""

import subprocess
import sys
from pathlib import Path

import pytest

from intersessional.env import env_secret

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


PRODUCTION = {
    "SECRET_KEY": "x" * 50,
    "ALLOWED_HOSTS": "registration.example.org",
    "SITE_URL": "https://registration.example.org",
    "EMAIL_HOST": "smtp.example.org",
    "REDIS_URL": "redis://redis.example.org:6379/0",
    "DATABASE_URL": "postgres://user@db.example.org:5432/intersessional",
}


def run_settings(env: dict, expression: str) -> subprocess.CompletedProcess:
    return run_python(env, "-c", PROBE.format(expression))


def check_deploy(env: dict) -> subprocess.CompletedProcess:
    return run_python(env, "manage.py", "check", "--deploy", "--fail-level", "ERROR")


def test_production_settings_pass_the_deploy_check():
    result = check_deploy(PRODUCTION)

    assert "intersessional.E0" not in result.stdout + result.stderr


@pytest.mark.parametrize(
    ("unset", "error"),
    [
        ({"SITE_URL": None}, "intersessional.E001"),
        ({"SITE_URL": "http://registration.example.org"}, "intersessional.E001"),
        ({"EMAIL_HOST": None}, "intersessional.E002"),
        ({"REDIS_URL": None}, "intersessional.E003"),
        ({"DATABASE_URL": None}, "intersessional.E004"),
    ],
)
def test_deploy_check_refuses_settings_that_fail_open(unset, error, tmp_path):
    env = {**PRODUCTION, "VAR_DIR": str(tmp_path)}
    for name, value in unset.items():
        if value is None:
            env.pop(name)
        else:
            env[name] = value

    result = check_deploy(env)

    assert result.returncode != 0
    assert error in result.stderr


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
