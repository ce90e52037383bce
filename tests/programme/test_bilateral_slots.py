import pytest
from django.contrib.admin.sites import site
from django.core.exceptions import ValidationError
from django.db import IntegrityError, connection, transaction

from programme.models import BilateralSlot, Committee
from tests.conftest import geneva
from tests.helpers import bilateral_slot

pytestmark = pytest.mark.django_db


def require_postgresql():
    if connection.vendor != "postgresql":
        pytest.fail(
            "This test needs PostgreSQL, where the exclusion constraint exists "
            f"(the database here is {connection.vendor}). Run it with `make test`."
        )


def slot(meeting, committee, start, end, room="Room B"):
    return BilateralSlot(
        meeting=meeting,
        committee=committee,
        starts_at=geneva(2018, 6, 6, *start),
        ends_at=geneva(2018, 6, 6, *end),
        room=room,
    )


def test_database_refuses_the_president_in_two_overlapping_slots(meeting):
    require_postgresql()
    slot(meeting, None, (10, 0), (10, 30)).save()

    with (
        pytest.raises(IntegrityError, match="bilateral_slot_host_never_double_booked"),
        transaction.atomic(),
    ):
        slot(meeting, None, (10, 15), (10, 45), room="Room C").save()

    assert BilateralSlot.objects.count() == 1


def test_database_refuses_a_committee_in_two_overlapping_slots(meeting):
    require_postgresql()
    committee = Committee.objects.get(slug="article-5")
    slot(meeting, committee, (11, 0), (12, 0)).save()

    with (
        pytest.raises(IntegrityError, match="bilateral_slot_host_never_double_booked"),
        transaction.atomic(),
    ):
        slot(meeting, committee, (11, 30), (11, 45), room="Room D").save()


def test_back_to_back_slots_and_different_hosts_at_once_are_allowed(meeting):
    require_postgresql()
    article_5, victims = Committee.objects.filter(slug__in=["article-5", "victim-assistance"])
    slot(meeting, None, (10, 0), (10, 30)).save()
    slot(meeting, None, (10, 30), (11, 0)).save()  # starts as the first ends
    slot(meeting, article_5, (10, 0), (10, 30), room="Room C").save()
    slot(meeting, victims, (10, 0), (10, 30), room="Room D").save()

    assert BilateralSlot.objects.count() == 4


def test_validation_refuses_a_double_booked_host_with_a_clear_message(meeting):
    require_postgresql()
    committee = Committee.objects.get(slug="cooperative-compliance")
    bilateral_slot(
        meeting=meeting,
        committee=committee,
        starts_at=geneva(2018, 6, 6, 15, 0),
        ends_at=geneva(2018, 6, 6, 15, 30),
        room="Room B",
    )

    with pytest.raises(ValidationError) as refused:
        bilateral_slot(
            meeting=meeting,
            committee=committee,
            starts_at=geneva(2018, 6, 6, 15, 20),
            ends_at=geneva(2018, 6, 6, 15, 50),
            room="Room C",
        )

    assert refused.value.messages == ["This host already has a slot at that time."]
    assert BilateralSlot.objects.count() == 1


def test_validation_refuses_a_slot_outside_the_bilateral_day(meeting):
    with pytest.raises(ValidationError) as refused:
        bilateral_slot(
            meeting=meeting,
            committee=None,
            starts_at=geneva(2018, 6, 7, 10, 0),
            ends_at=geneva(2018, 6, 7, 10, 30),
            room="Room B",
        )

    assert refused.value.message_dict["starts_at"] == [
        "Bilateral meetings take place on Wednesday 6 June 2018."
    ]


def test_validation_refuses_a_slot_that_ends_before_it_starts(meeting):
    with pytest.raises(ValidationError, match="A slot must end after it starts."):
        bilateral_slot(
            meeting=meeting,
            committee=None,
            starts_at=geneva(2018, 6, 6, 10, 30),
            ends_at=geneva(2018, 6, 6, 10, 0),
            room="Room B",
        )


def test_overlap_query_agrees_with_the_database(meeting):
    # The query that stands in for the constraint on SQLite (the demo).
    first = slot(meeting, None, (10, 0), (10, 30))
    first.save()

    assert BilateralSlot.objects.overlapping(slot(meeting, None, (10, 29), (11, 0))).exists()
    assert not BilateralSlot.objects.overlapping(slot(meeting, None, (10, 30), (11, 0))).exists()
    committee = Committee.objects.first()
    assert not BilateralSlot.objects.overlapping(
        slot(meeting, committee, (10, 0), (10, 30))
    ).exists()
    assert not BilateralSlot.objects.overlapping(first).exists()


def test_staff_see_the_double_booking_next_to_the_form_in_the_admin(admin_client, meeting):
    require_postgresql()
    slot(meeting, None, (10, 0), (10, 30)).save()

    response = admin_client.post(
        "/admin/programme/bilateralslot/add/",
        {
            "meeting": meeting.pk,
            "committee": "",
            "starts_at_0": "2018-06-06",
            "starts_at_1": "10:15",
            "ends_at_0": "2018-06-06",
            "ends_at_1": "10:45",
            "room": "Room C",
        },
    )

    assert response.status_code == 200
    assert "This host already has a slot at that time." in response.content.decode()
    assert BilateralSlot.objects.count() == 1


def test_admin_offers_the_president_as_a_host(admin_client, meeting):
    html = admin_client.get("/admin/programme/bilateralslot/add/").content.decode()

    assert '<option value="" selected>The President</option>' in html
    assert "Committee on Victim Assistance</option>" in html


def test_admin_edits_a_session_with_its_agenda_items(admin_client, meeting):
    from programme.models import Session

    session = Session.objects.filter(items__number=2).get()

    html = admin_client.get(f"/admin/programme/session/{session.pk}/change/").content.decode()

    assert "Victim assistance" in html
    assert "Delegations may ask for the floor" in html
    assert site.is_registered(BilateralSlot)
