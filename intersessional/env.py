"""Typed readers for the environment: every deployment difference comes from here."""

import os
import re
from datetime import datetime
from pathlib import Path
from zoneinfo import ZoneInfo

from django.core.exceptions import ImproperlyConfigured

TRUE_WORDS = {"1", "true", "yes", "on"}
FALSE_WORDS = {"0", "false", "no", "off", ""}


def env_str(name: str, default: str = "") -> str:
    return os.environ.get(name, default)


def env_secret(name: str) -> str:
    """A secret from the file named by NAME_FILE (Docker mounts its secrets under
    /run/secrets/), without the file's trailing newline; otherwise from NAME itself.
    Both set (non-empty) is an error: one of them would be ignored without a word."""
    file_variable = f"{name}_FILE"
    path = os.environ.get(file_variable, "")
    if not path:
        return os.environ.get(name, "")
    if os.environ.get(name):
        raise ImproperlyConfigured(f"Set {name} or {file_variable}, not both.")
    try:
        return Path(path).read_text(encoding="utf-8").rstrip("\r\n")
    except (OSError, UnicodeError) as error:
        raise ImproperlyConfigured(f"{file_variable}: cannot read {path!r}: {error}") from None


def env_http_header(name: str) -> str | None:
    """An HTTP header's name, such as X-Forwarded-Proto, as Django's request.META key
    (HTTP_X_FORWARDED_PROTO); None when unset."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    if not re.fullmatch(r"[A-Za-z][A-Za-z0-9-]*", raw):
        raise ImproperlyConfigured(
            f"{name} must be a header's name such as X-Forwarded-Proto, not {raw!r}"
        )
    return "HTTP_" + raw.upper().replace("-", "_")


def env_bool(name: str, default: bool = False) -> bool:
    raw = os.environ.get(name)
    if raw is None:
        return default
    word = raw.strip().lower()
    if word in TRUE_WORDS:
        return True
    if word in FALSE_WORDS:
        return False
    raise ImproperlyConfigured(f"{name} must be true or false, not {raw!r}")


def env_int(name: str, default: int) -> int:
    raw = os.environ.get(name)
    if raw is None or raw.strip() == "":
        return default
    try:
        return int(raw)
    except ValueError:
        raise ImproperlyConfigured(f"{name} must be a whole number, not {raw!r}") from None


def env_list(name: str, default: list[str] | None = None) -> list[str]:
    raw = os.environ.get(name)
    if raw is None:
        return list(default or [])
    return [item.strip() for item in raw.split(",") if item.strip()]


def env_datetime(name: str, *, naive_zone: str) -> datetime | None:
    """An ISO 8601 date-time; one written without an offset is read in `naive_zone`."""
    raw = os.environ.get(name, "").strip()
    if not raw:
        return None
    try:
        value = datetime.fromisoformat(raw)
    except ValueError:
        raise ImproperlyConfigured(
            f"{name} must be an ISO 8601 date-time such as 2018-05-30T12:00:00+02:00, not {raw!r}"
        ) from None
    if value.tzinfo is None:
        value = value.replace(tzinfo=ZoneInfo(naive_zone))
    return value
