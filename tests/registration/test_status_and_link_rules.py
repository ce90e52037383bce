"""Who may change what: the President's office changes nothing, statuses change
only through the admin's actions, private links cannot be replaced in a loop, and a
stale link says where to get a new one."""

import pytest
from django.core import mail
from django.urls import reverse

from registration.models import Delegate
from tests.helpers import register, visible_text

pytestmark = pytest.mark.django_db


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


def test_a_stale_link_says_why_and_where_to_get_a_new_one(client, open_registration):
    response = client.get(reverse("registration:delegate", args=["stale:link"]))

    assert response.status_code == 404
    text = visible_text(response)
    assert "This link is not valid. Ask for a new one." in text
    assert "Have your private link sent again" in text
