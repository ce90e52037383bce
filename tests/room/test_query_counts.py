"""The room's pages read a bounded number of rows whatever the length of the lists:
the console, the live state and the interpreters' page, at two sizes."""

import pytest

from registration import services as registration_services
from room import live, services
from tests.conftest import BEFORE_DEADLINE
from tests.helpers import register

pytestmark = pytest.mark.django_db

MANY = ["AFG", "ALB", "DZA", "AND", "AGO", "ATG", "ARG", "ARM", "AUS", "AUT", "BHS", "BHR"]


@pytest.fixture
def longer_list(meeting, lists, clock_at):
    """The three of `lists`, and twelve more on the same item."""
    clock_at(BEFORE_DEADLINE)
    for n, code in enumerate(MANY, start=30):
        delegate, _ = register(meeting, state=code, n=n)
        registration_services.floor_requests_add(
            delegation=delegate.delegation, speaker=delegate, items=[lists["item"]]
        )
    clock_at(lists["item"].session.starts_at)
    return lists


@pytest.mark.parametrize("size", ["short", "long"])
def test_the_console_and_the_live_state_read_a_bounded_number_of_rows(
    request, meeting, chair, client, size, django_assert_max_num_queries
):
    lists = request.getfixturevalue("lists" if size == "short" else "longer_list")
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)
    services.floor_next(meeting=meeting, by=chair, version=room.version)
    client.force_login(chair)

    with django_assert_max_num_queries(12):
        assert client.get("/staff/room/console/").status_code == 200
    with django_assert_max_num_queries(6):
        state = live.build_state(meeting.pk, "en")
    assert len(state["next"]) == min(5, state["waiting"])


@pytest.mark.parametrize("size", ["short", "long"])
def test_the_interpreters_page_reads_a_bounded_number_of_rows(
    request, client, interpreter, size, django_assert_max_num_queries
):
    request.getfixturevalue("lists" if size == "short" else "longer_list")
    client.force_login(interpreter)

    with django_assert_max_num_queries(12):
        assert client.get("/staff/room/advance-copies/").status_code == 200
