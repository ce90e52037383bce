import threading
from datetime import datetime

import pytest
from django.core import mail
from django.db import connection, connections
from django.urls import reverse
from icalendar import Calendar

from floor import services as floor_services
from floor.models import BilateralInvitation
from programme.models import Committee
from reference.models import State
from registration import services
from tests.conftest import GENEVA, geneva
from tests.helpers import bilateral_slot, person, visible_text


def at(hour, minute=0):
    return datetime(2018, 6, 6, hour, minute, tzinfo=GENEVA)


def slot(meeting, hour, committee=None, minutes=30):
    end = at(hour, minutes) if minutes < 60 else at(hour + 1)
    return bilateral_slot(
        meeting=meeting, committee=committee, starts_at=at(hour), ends_at=end, room="Room 7"
    )


def delegation_of(meeting, code, n=1):
    identity = services.identity_for(meeting=meeting, state=State.objects.get(alpha3=code))
    delegation, _ = services.delegation_register(
        meeting=meeting,
        identity=identity,
        focal_point_name="Focal Point",
        focal_point_email=f"focal-{code.lower()}@mission.example",
        members=[{**person(n, role="head"), "public_list_consent": True}],
    )
    return delegation


@pytest.mark.django_db
def test_invited_focal_point_accepts_through_the_emailed_link(
    client, open_registration, django_capture_on_commit_callbacks
):
    mozambique = delegation_of(open_registration, "MOZ")
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        floor_services.bilateral_invite(slot=slot(open_registration, 10), delegation=mozambique)

    [message] = mail.outbox
    assert message.to == ["focal-moz@mission.example"]
    assert message.subject == "Invitation to a bilateral meeting: The President"
    assert "Wednesday 6 June 2018, 10:00 to 10:30 (Geneva time), in Room 7" in message.body
    link = message.body.split("http://127.0.0.1:8000")[1].split()[0]
    page = client.get(link)
    assert "Bilateral meeting: The President" in visible_text(page)

    response = client.post(link, {"answer": "accept"}, follow=True)

    assert "Thank you: the meeting is confirmed." in visible_text(response)
    invitation = BilateralInvitation.objects.get()
    assert invitation.status == BilateralInvitation.Status.ACCEPTED
    ics = client.get(link + "meeting.ics")
    [event] = Calendar.from_ical(ics.content).walk("VEVENT")
    assert event.decoded("DTSTART") == at(10)
    assert str(event["DTSTART"].params["TZID"]) == "Europe/Zurich"
    assert "Bilateral meeting: The President" in str(event["SUMMARY"])


@pytest.mark.django_db
def test_a_second_delegation_in_the_same_slot_is_refused(open_registration):
    the_slot = slot(open_registration, 10)
    floor_services.bilateral_invite(
        slot=the_slot, delegation=delegation_of(open_registration, "MOZ")
    )

    with pytest.raises(services.RegistrationError, match="Another delegation is already invited"):
        floor_services.bilateral_invite(
            slot=the_slot, delegation=delegation_of(open_registration, "AGO", 2)
        )

    assert BilateralInvitation.objects.count() == 1


@pytest.mark.django_db
def test_a_delegation_in_two_overlapping_meetings_is_refused(open_registration):
    mozambique = delegation_of(open_registration, "MOZ")
    committee = Committee.objects.get(slug="article-5")
    floor_services.bilateral_invite(
        slot=slot(open_registration, 10, minutes=60), delegation=mozambique
    )

    overlapping = bilateral_slot(
        meeting=open_registration,
        committee=committee,
        starts_at=at(10, 30),
        ends_at=at(11, 0),
        room="Room 8",
    )
    with pytest.raises(services.RegistrationError, match="already has a bilateral meeting"):
        floor_services.bilateral_invite(slot=overlapping, delegation=mozambique)


@pytest.mark.django_db
def test_staff_get_the_refusal_next_to_the_form_in_the_admin(admin_client, open_registration):
    the_slot = slot(open_registration, 10)
    floor_services.bilateral_invite(
        slot=the_slot, delegation=delegation_of(open_registration, "MOZ")
    )
    angola = delegation_of(open_registration, "AGO", 2)

    response = admin_client.post(
        reverse("admin:floor_bilateralinvitation_add"),
        {"slot": the_slot.pk, "delegation": angola.pk},
    )

    assert response.status_code == 200
    assert "Another delegation is already invited to this slot." in response.content.decode()


@pytest.mark.django_db
def test_a_declined_slot_can_go_to_another_delegation(open_registration):
    the_slot = slot(open_registration, 10)
    first, _ = floor_services.bilateral_invite(
        slot=the_slot, delegation=delegation_of(open_registration, "MOZ")
    )
    floor_services.bilateral_answer(invitation=first, accept=False)

    second, _ = floor_services.bilateral_invite(
        slot=the_slot, delegation=delegation_of(open_registration, "AGO", 2)
    )

    assert second.status == BilateralInvitation.Status.INVITED


@pytest.mark.django_db(transaction=True)
def test_two_answers_at_the_same_moment_record_one(open_registration):
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency is tested against PostgreSQL: run it through `make test`.")
    invitation, _ = floor_services.bilateral_invite(
        slot=slot(open_registration, 10), delegation=delegation_of(open_registration, "MOZ")
    )
    barrier = threading.Barrier(2)
    results = []

    def answer(accept):
        try:
            barrier.wait()
            results.append(floor_services.bilateral_answer(invitation=invitation, accept=accept))
        finally:
            connections.close_all()

    threads = [threading.Thread(target=answer, args=(flag,)) for flag in (True, False)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert sorted(results) == [False, True]
    invitation.refresh_from_db()
    assert invitation.status in (
        BilateralInvitation.Status.ACCEPTED,
        BilateralInvitation.Status.DECLINED,
    )


@pytest.mark.django_db(transaction=True)
def test_two_invitations_to_one_slot_at_the_same_moment_make_one(open_registration):
    if connection.vendor != "postgresql":
        pytest.fail("Concurrency is tested against PostgreSQL: run it through `make test`.")
    the_slot = slot(open_registration, 10)
    delegations = [
        delegation_of(open_registration, "MOZ"),
        delegation_of(open_registration, "AGO", 2),
    ]
    barrier = threading.Barrier(2)
    results = []

    def invite(delegation):
        try:
            barrier.wait()
            results.append(floor_services.bilateral_invite(slot=the_slot, delegation=delegation))
        except services.RegistrationError as error:
            results.append(error)
        finally:
            connections.close_all()

    threads = [threading.Thread(target=invite, args=(d,)) for d in delegations]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join(30)

    assert BilateralInvitation.objects.filter(slot=the_slot).count() == 1
    assert sum(isinstance(r, services.RegistrationError) for r in results) == 1


@pytest.mark.django_db
def test_the_delegations_page_shows_its_bilaterals(client, open_registration):
    identity = services.identity_for(
        meeting=open_registration, state=State.objects.get(alpha3="MOZ")
    )
    delegation, token = services.delegation_register(
        meeting=open_registration,
        identity=identity,
        focal_point_name="Focal Point",
        focal_point_email="focal@mission.example",
        members=[{**person(1, role="head"), "public_list_consent": True}],
    )
    floor_services.bilateral_invite(slot=slot(open_registration, 10), delegation=delegation)

    text = visible_text(client.get(reverse("registration:delegation", args=[token])))

    assert "The President, Wednesday 6 June 2018, 10:00–10:30, Room 7: Invited" in text


@pytest.mark.django_db
def test_a_forged_invitation_link_is_not_found(client, open_registration):
    floor_services.bilateral_invite(
        slot=slot(open_registration, 10), delegation=delegation_of(open_registration, "MOZ")
    )

    response = client.post(reverse("floor:bilateral", args=["forged:abc"]), {"answer": "accept"})

    assert response.status_code == 404
    assert BilateralInvitation.objects.get().status == BilateralInvitation.Status.INVITED


# Answers through the private link -------------------------------------------------


def invitation(meeting):
    """An invitation of Mozambique's delegation to a slot at 10:00 on 6 June."""
    identity = services.identity_for(meeting=meeting, state=State.objects.get(alpha3="MOZ"))
    delegation, _ = services.delegation_register(
        meeting=meeting,
        identity=identity,
        focal_point_name="Focal Point",
        focal_point_email="focal@mission.example",
        members=[{**person(9, role="head"), "public_list_consent": True}],
    )
    slot = bilateral_slot(
        meeting=meeting,
        committee=None,
        starts_at=datetime(2018, 6, 6, 10, 0, tzinfo=GENEVA),
        ends_at=datetime(2018, 6, 6, 10, 30, tzinfo=GENEVA),
        room="Room 7",
    )
    return floor_services.bilateral_invite(slot=slot, delegation=delegation)


def test_an_answer_other_than_accept_or_decline_is_refused(client, open_registration):
    the_invitation, token = invitation(open_registration)

    response = client.post(reverse("floor:bilateral", args=[token]), {"answer": ""})

    assert response.status_code == 400
    the_invitation.refresh_from_db()
    assert the_invitation.status == BilateralInvitation.Status.INVITED


def test_a_meeting_that_has_begun_can_no_longer_be_answered(client, open_registration, clock_at):
    the_invitation, token = invitation(open_registration)
    clock_at(geneva(2018, 6, 6, 10, 5))

    response = client.post(
        reverse("floor:bilateral", args=[token]), {"answer": "accept"}, follow=True
    )

    assert "This meeting has already begun" in visible_text(response)
    the_invitation.refresh_from_db()
    assert the_invitation.status == BilateralInvitation.Status.INVITED
