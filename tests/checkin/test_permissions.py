"""Venue staff check people in and see the check-in pages, and nothing else of the
admin; the President's office sees the counts but lets no one in."""

import pytest
from django.urls import reverse

from checkin.models import Checkin
from documents.badges import signed_badge_id
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


def test_venue_staff_see_only_the_check_in_in_the_admin(client, venue_user, day_one, delegates):
    client.force_login(venue_user)

    index = client.get(reverse("admin:index"))

    text = visible_text(index)
    assert "Check-in at the door" in text
    for hidden in ["Delegates", "Delegations", "E-mails", "Meetings", "Badge print", "States"]:
        assert hidden not in text, hidden
    assert "List of Participants" not in text and "Gender and diversity" not in text


@pytest.mark.parametrize(
    "url",
    [
        "/admin/registration/delegate/",
        "/admin/registration/delegation/",
        "/admin/outbox/notification/",
        "/admin/programme/meeting/",
        "/admin/documents/badgebatch/",
        "/admin/checkin/checkinlist/add/",
        "/admin/auth/user/",
        "/staff/participants.csv",
        "/staff/figures/",
        "/staff/coverage/",
    ],
)
def test_venue_staff_are_refused_everything_else(client, venue_user, delegates, url):
    client.force_login(venue_user)

    response = client.get(url)

    assert response.status_code == 403, url


def test_venue_staff_open_the_door_and_the_counts(client, venue_user, day_one, delegates):
    client.force_login(venue_user)

    lists = client.get(reverse("staff:checkin-lists"))
    door = client.get(reverse("staff:checkin-door", args=[day_one.pk]))
    entries = client.get(reverse("staff:checkin-entries", args=[day_one.pk]))
    audit = client.get("/admin/checkin/checkin/")

    assert "Meeting, 7 June" in visible_text(lists)
    assert "Scan a badge, or type a name" in visible_text(door)
    assert "Checked in / expected, by category" in visible_text(entries)
    assert audit.status_code == 200


def test_the_presidents_office_sees_counts_but_lets_no_one_in(
    client, office_user, day_one, delegates
):
    client.force_login(office_user)

    entries = client.get(reverse("staff:checkin-entries", args=[day_one.pk]))
    door = client.get(reverse("staff:checkin-door", args=[day_one.pk]))
    post = client.post(
        reverse("staff:checkin-scan", args=[day_one.pk]),
        {"q": signed_badge_id(delegates[0]), "nonce": "office-0001"},
    )

    assert "Checked in / expected, by category" in visible_text(entries)
    assert (door.status_code, post.status_code) == (403, 403)
    assert not Checkin.objects.exists()


def test_anonymous_visitors_are_sent_to_the_login(client, day_one, delegates):
    post = client.post(
        reverse("staff:checkin-scan", args=[day_one.pk]),
        {"q": signed_badge_id(delegates[0]), "nonce": "anon-00001"},
    )
    door = client.get(reverse("staff:checkin-door", args=[day_one.pk]))

    assert post.status_code == door.status_code == 302
    assert "/admin/login/" in door["Location"]
    assert not Checkin.objects.exists()


def test_a_password_only_session_cannot_scan_or_admit(client, venue_user, day_one, delegates):
    """The door's POSTs ask for the second factor like every other staff page."""
    from django_otp import DEVICE_ID_SESSION_KEY

    client.force_login(venue_user)
    session = client.session
    del session[DEVICE_ID_SESSION_KEY]
    session.save()

    post = client.post(
        reverse("staff:checkin-scan", args=[day_one.pk]),
        {"q": signed_badge_id(delegates[0]), "nonce": "password-only-1"},
        headers={"Accept": "application/json"},
    )
    admit = client.post(
        reverse("staff:checkin-admit", args=[day_one.pk, delegates[0].pk]),
        {"nonce": "password-only-2"},
    )

    assert post.status_code == admit.status_code == 302
    assert post["Location"].startswith("/admin/login/")
    assert not Checkin.objects.exists()
