"""Two consoles act at the same moment on the list they both show, against PostgreSQL:
one action is applied, the other is refused, and the order is the one action's."""

import pytest
from django.db import connection

from room import services
from room.models import ConsoleAction, Room, Turn
from tests.registration.test_concurrency import run_together

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def postgres_only():
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency is tested against PostgreSQL: run it through `make test`.")


def test_two_nexts_at_once_move_the_list_by_one(postgres_only, meeting, lists, chair):
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)

    results = run_together(
        lambda: services.floor_next(meeting=meeting, by=chair, version=room.version), count=2
    )

    refused = [r for r in results if isinstance(r, services.ConsoleRefused)]
    applied = [r for r in results if isinstance(r, Room)]
    assert len(applied) == 1 and len(refused) == 1, results
    statuses = list(
        Turn.objects.filter(agenda_item=lists["item"])
        .order_by("position")
        .values_list("delegation__state__alpha3", "status")
    )
    assert statuses[:2] == [("FRA", "speaking"), ("USA", "waiting")]
    assert Room.objects.get(meeting=meeting).version == room.version + 1
    assert ConsoleAction.objects.filter(action="floor_next").count() == 1


def test_a_reply_and_a_point_of_order_at_once_both_land_in_place(
    postgres_only,
    meeting,
    lists,
    chair,
):
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)
    room = services.floor_next(meeting=meeting, by=chair, version=room.version)

    # Each console acts on the latest list it has (no version: as after a refusal).
    run_together(
        lambda: [
            services.turn_insert(
                meeting=meeting, delegation=lists["DEU"], kind=kind, by=chair, version=None
            )
            for kind in ("reply", "point_of_order")
        ],
        count=2,
    )

    kinds = list(
        Turn.objects.filter(agenda_item=lists["item"])
        .order_by("position")
        .values_list("kind", flat=True)
    )
    positions = list(
        Turn.objects.filter(agenda_item=lists["item"]).values_list("position", flat=True)
    )
    assert len(set(positions)) == len(positions) == 7
    assert kinds[:3] == ["speaker", "point_of_order", "point_of_order"]
    assert kinds[-2:] == ["reply", "reply"]
