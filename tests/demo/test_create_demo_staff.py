"""`manage.py create_demo_staff` makes a superuser with a known password: only on a
demo (`make run`), never on a site that may be real."""

import io

import pytest
from django.contrib.auth import get_user_model
from django.core.management import CommandError, call_command

from tests.conftest import BEFORE_DEADLINE


@pytest.mark.parametrize(
    ("debug", "clock", "reason"),
    [
        (False, BEFORE_DEADLINE, "DEBUG is off"),
        (True, None, "INTERSESSIONAL_NOW is not set"),
    ],
)
def test_the_demo_superuser_is_refused_outside_a_demo(db, settings, debug, clock, reason):
    settings.DEBUG = debug
    settings.INTERSESSIONAL_NOW = clock

    with pytest.raises(CommandError, match=reason):
        call_command("create_demo_staff", stdout=io.StringIO())

    assert not get_user_model().objects.filter(username="isu-demo").exists()


def test_the_demo_superuser_is_made_on_a_demo(db, settings):
    settings.DEBUG = True
    settings.INTERSESSIONAL_NOW = BEFORE_DEADLINE

    call_command("create_demo_staff", stdout=io.StringIO())

    user = get_user_model().objects.get(username="isu-demo")
    assert user.is_superuser
