"""Logs: one line per event on standard output, as a container's log collector reads
them (intersessional/logs.py)."""

import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]

LOG_AN_EXCEPTION = """
import logging
import django

django.setup()
try:
    {}["badge"]
except KeyError:
    logging.getLogger("documents.tasks").exception("Badge batch %s failed", 7)
logging.getLogger("outbox.tasks").warning("Broker unavailable")
"""


def test_a_logged_exception_is_one_line_on_standard_output():
    result = subprocess.run(
        [sys.executable, "-c", LOG_AN_EXCEPTION],
        cwd=ROOT,
        env={
            "PATH": "/usr/bin:/bin",
            "DJANGO_SETTINGS_MODULE": "intersessional.settings",
            "SECRET_KEY": "x" * 50,
        },
        capture_output=True,
        text=True,
        timeout=60,
    )

    assert result.returncode == 0, result.stderr
    exception, warning = result.stdout.splitlines()
    time, level, logger, message = exception.split(" ", 3)
    assert time.endswith("+00:00")
    assert (level, logger) == ("ERROR", "documents.tasks")
    assert message.startswith("Badge batch 7 failed\\nTraceback (most recent call last):\\n")
    assert message.endswith("\\nKeyError: 'badge'")
    assert warning.split(" ", 1)[1] == "WARNING outbox.tasks Broker unavailable"
    assert result.stderr == ""
