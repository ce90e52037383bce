"""Rules that a review of the whole site asked for."""

from datetime import datetime

import pytest
from django.core import mail
from django.urls import reverse

from programme.services import bilateral_slot_create
from registration import services
from registration.models import BilateralInvitation, Delegate, State
from tests.conftest import GENEVA, geneva
from tests.programme.test_home import visible_text
from tests.registration.conftest import person

pytestmark = pytest.mark.django_db


def register(meeting, n=1):
    identity = services.identity_for(meeting=meeting, state=State.objects.get(alpha3="FRA"))
    return services.delegate_register(
        meeting=meeting, identity=identity, data={**person(n), "public_list_consent": True}
    )


def test_the_presidents_office_cannot_confirm_or_decline(client, open_registration, office_user):
    delegate, _ = register(open_registration)
    client.force_login(office_user)
    url = reverse("admin:registration_delegate_changelist")

    page = client.get(url)
    for action in ["confirm", "decline", "resend_link", "print_badges"]:
        assert f'value="{action}"' not in page.content.decode(), action
        client.post(url, {"action": action, "_selected_action": [delegate.pk]})

    delegate.refresh_from_db()
    assert delegate.status == Delegate.Status.REGISTERED


def test_a_stranger_cannot_keep_replacing_a_delegates_link(
    client, open_registration, django_capture_on_commit_callbacks
):
    _delegate, token = register(open_registration)
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        for _ in range(3):
            client.post(reverse("registration:lost-link"), {"email": "amina1@mission.example"})

    assert len(mail.outbox) == 1  # one new link; the next ones wait ten minutes
    assert client.get(reverse("registration:delegate", args=[token])).status_code == 404


def test_staff_change_a_status_only_through_the_actions(admin_client, open_registration):
    delegate, _ = register(open_registration)
    url = reverse("admin:registration_delegate_change", args=[delegate.pk])

    page = admin_client.get(url)
    data = {
        field: getattr(delegate, field)
        for field in ["title", "given_name", "family_name", "badge_name", "function", "role"]
    }
    data.update(
        email=delegate.email,
        gender=delegate.gender,
        age_band=delegate.age_band,
        delegation=delegate.delegation.pk,
        public_list_consent="on",
        status="withdrawn",
        given_name="Changed",
    )
    admin_client.post(url, data)

    assert 'name="status"' not in page.content.decode()
    delegate.refresh_from_db()
    assert (delegate.given_name, delegate.status) == ("Changed", Delegate.Status.REGISTERED)


def invitation(meeting):
    identity = services.identity_for(meeting=meeting, state=State.objects.get(alpha3="MOZ"))
    delegation, _ = services.delegation_register(
        meeting=meeting,
        identity=identity,
        focal_point_name="Focal Point",
        focal_point_email="focal@mission.example",
        members=[{**person(9, role="head"), "public_list_consent": True}],
    )
    slot = bilateral_slot_create(
        meeting=meeting,
        committee=None,
        starts_at=datetime(2018, 6, 6, 10, 0, tzinfo=GENEVA),
        ends_at=datetime(2018, 6, 6, 10, 30, tzinfo=GENEVA),
        room="Room 7",
    )
    return services.bilateral_invite(slot=slot, delegation=delegation)


def test_an_answer_other_than_accept_or_decline_is_refused(client, open_registration):
    the_invitation, token = invitation(open_registration)

    response = client.post(reverse("registration:bilateral", args=[token]), {"answer": ""})

    assert response.status_code == 400
    the_invitation.refresh_from_db()
    assert the_invitation.status == BilateralInvitation.Status.INVITED


def test_a_meeting_that_has_begun_can_no_longer_be_answered(client, open_registration, clock_at):
    the_invitation, token = invitation(open_registration)
    clock_at(geneva(2018, 6, 6, 10, 5))

    response = client.post(
        reverse("registration:bilateral", args=[token]), {"answer": "accept"}, follow=True
    )

    assert "This meeting has already begun" in visible_text(response)
    the_invitation.refresh_from_db()
    assert the_invitation.status == BilateralInvitation.Status.INVITED


def test_a_stale_link_says_why_and_where_to_get_a_new_one(client, open_registration):
    response = client.get(reverse("registration:delegate", args=["stale:link"]))

    assert response.status_code == 404
    text = visible_text(response)
    assert "This link is not valid. Ask for a new one." in text
    assert "Have your private link sent again" in text
