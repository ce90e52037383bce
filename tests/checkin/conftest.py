"""The door's fixtures: the meeting's check-in lists, a venue staff member, delegates
registered before the deadline and the clock on the morning of 7 June."""

import os

import pytest
from django.core.cache import caches

from checkin.models import CheckinList
from checkin.services import checkin_lists_ensure
from tests.conftest import geneva
from tests.helpers import register, staff_user

MORNING_OF_7_JUNE = geneva(2018, 6, 7, 9, 5)


@pytest.fixture
def lists(open_registration):
    return checkin_lists_ensure(meeting=open_registration)


@pytest.fixture
def day_one(lists) -> CheckinList:
    return next(cl for cl in lists if cl.kind == CheckinList.Kind.MEETING)


@pytest.fixture
def bilateral_list(lists) -> CheckinList:
    return next(cl for cl in lists if cl.kind == CheckinList.Kind.BILATERAL)


@pytest.fixture
def venue_user(roles):
    user = staff_user("door", "Venue staff")
    user.first_name, user.last_name = "Door", "Keeper"
    user.save()
    return user


@pytest.fixture
def delegates(open_registration, clock_at):
    """Amina1 Diallo1 (France, head), Amina2 Diallo2 (France), Amina3 Diallo3 (ICRC);
    registered before the deadline, then the clock moves to the door."""
    made = [
        register(open_registration, state="FRA", n=1, role="head")[0],
        register(open_registration, state="FRA", n=2)[0],
        register(open_registration, acronym="ICRC", n=3, gender="man", age_band="55_64")[0],
    ]
    clock_at(MORNING_OF_7_JUNE)
    return made


# Staff sessions as production keeps them with Redis (intersessional/sessions.py), on
# the Redis that make test starts.
def redis_url() -> str:
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is set by scripts/test.sh")
    return url


def use_session_cache(settings, url: str) -> None:
    """Sessions as settings.py keeps them with REDIS_URL, on the Redis at `url`."""
    from intersessional.sessions import _FailOpen

    settings.SESSION_ENGINE = "intersessional.sessions"
    settings.SESSION_CACHE_ALIAS = "sessions"
    settings.CACHES = {
        **settings.CACHES,
        "sessions": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "test-sessions",
            "OPTIONS": {"socket_timeout": 0.25, "socket_connect_timeout": 0.25},
        },
    }
    # A failure in an earlier test must not keep this one away from the cache.
    _FailOpen.skip_until = 0.0


@pytest.fixture
def redis_sessions(settings):
    use_session_cache(settings, redis_url())
    caches["sessions"].clear()
    yield
    caches["sessions"].clear()
