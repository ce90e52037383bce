from datetime import UTC, datetime

import pytest
from django.core.exceptions import ImproperlyConfigured

from intersessional import clock
from intersessional.env import env_bool, env_datetime
from tests.conftest import geneva


def test_clock_is_real_time_when_not_set(settings):
    settings.INTERSESSIONAL_NOW = None
    before = datetime.now(UTC)

    now = clock.now()

    assert before <= now <= datetime.now(UTC)
    assert not clock.is_fixed()


def test_clock_returns_the_set_moment(clock_at):
    clock_at(geneva(2018, 5, 30, 12))

    assert clock.now() == geneva(2018, 5, 30, 12)
    assert clock.is_fixed()


def test_travel_sets_the_clock_inside_the_block_only(clock_at):
    clock_at(geneva(2018, 5, 30, 12))

    with clock.travel(geneva(2018, 6, 7, 9)):
        inside = clock.now()
    after = clock.now()

    assert inside == geneva(2018, 6, 7, 9)
    assert after == geneva(2018, 5, 30, 12)


def test_env_datetime_reads_a_naive_value_in_geneva_time(monkeypatch):
    monkeypatch.setenv("INTERSESSIONAL_NOW", "2018-05-31T23:59:59")

    assert env_datetime("INTERSESSIONAL_NOW", naive_zone="Europe/Zurich") == geneva(
        2018, 5, 31, 23, 59, 59
    )


def test_env_datetime_keeps_an_explicit_offset(monkeypatch):
    monkeypatch.setenv("INTERSESSIONAL_NOW", "2018-05-31T21:59:59+00:00")

    value = env_datetime("INTERSESSIONAL_NOW", naive_zone="Europe/Zurich")

    assert value == geneva(2018, 5, 31, 23, 59, 59)


def test_env_datetime_refuses_nonsense(monkeypatch):
    monkeypatch.setenv("INTERSESSIONAL_NOW", "next tuesday")

    with pytest.raises(ImproperlyConfigured, match="ISO 8601"):
        env_datetime("INTERSESSIONAL_NOW", naive_zone="Europe/Zurich")


def test_env_bool_refuses_an_unclear_word(monkeypatch):
    monkeypatch.setenv("DEBUG", "maybe")

    with pytest.raises(ImproperlyConfigured):
        env_bool("DEBUG")
