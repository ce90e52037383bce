"""The site's one source of "now".

Every part of the site asks this module for the time, never `timezone.now()`
directly, so that the demo and the tests can set the clock with the
INTERSESSIONAL_NOW setting (read from the environment of the same name).
"""

from collections.abc import Iterator
from contextlib import contextmanager
from contextvars import ContextVar
from datetime import datetime
from zoneinfo import ZoneInfo

from django.conf import settings
from django.utils import timezone

GENEVA = ZoneInfo("Europe/Zurich")

# Set only inside `travel()`: the demo data replays the weeks of a meeting.
_travelled_to: ContextVar[datetime | None] = ContextVar("travelled_to", default=None)


def now() -> datetime:
    """The current time, aware; the fixed INTERSESSIONAL_NOW when one is set."""
    travelled = _travelled_to.get()
    if travelled is not None:
        return travelled
    fixed = getattr(settings, "INTERSESSIONAL_NOW", None)
    return fixed if fixed is not None else timezone.now()


@contextmanager
def travel(moment: datetime) -> Iterator[None]:
    """Inside the block, now() is `moment` (in this thread or task only). For the demo
    data (demo/build.py), which goes through the same services as people do, each step
    at the time it would have happened: registrations in May, check-ins on 7 June."""
    token = _travelled_to.set(moment)
    try:
        yield
    finally:
        _travelled_to.reset(token)


def wall_now() -> datetime:
    """The machine's real time, even in the demo: for operational timestamps only
    (when an e-mail was claimed, sent or should be retried), never for the rules
    of the meeting."""
    return timezone.now()


def is_fixed() -> bool:
    """True when the clock is set by configuration (demo or tests), not real."""
    return getattr(settings, "INTERSESSIONAL_NOW", None) is not None
