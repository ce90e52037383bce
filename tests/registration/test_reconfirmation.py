"""The ISU's decisions reach the person: a declined registration is told why, in the
person's language; a confirmed registration whose name, function or delegation
changes through a private link waits for confirmation again, and the admin shows what
changed, from the audit history."""

import pytest
from django.core import mail
from django.urls import reverse

from outbox.models import Notification
from registration import services
from registration.models import Delegate
from tests.helpers import person, register, register_delegation, visible_text

pytestmark = pytest.mark.django_db


def edit(client, token, **changes):
    delegate = Delegate.objects.get(email="amina1@mission.example")
    data = person(1, version=delegate.version, **changes)
    return client.post(reverse("registration:delegate-edit", args=[token]), data, follow=True)


def test_declining_asks_for_a_reason_and_the_email_gives_it_in_the_persons_language(
    client, open_registration, isu_user, django_capture_on_commit_callbacks
):
    delegate, _ = register(open_registration, language="fr")
    client.force_login(isu_user)
    changelist = reverse("admin:registration_delegate_changelist")
    selected = {"action": "decline", "_selected_action": [delegate.pk]}

    asked = client.post(changelist, selected)
    assert "Each person gets an e-mail in their language that gives the reason." in visible_text(
        asked
    )
    delegate.refresh_from_db()
    assert delegate.status == Delegate.Status.REGISTERED  # nothing yet
    refused = client.post(changelist, {**selected, "apply": "1", "reason": "other"})
    assert "Explain the reason in the note." in visible_text(refused)

    with django_capture_on_commit_callbacks(execute=True):
        done = client.post(
            changelist,
            {**selected, "apply": "1", "reason": "not_nominated", "note": "Ref. NV 123/2018"},
            follow=True,
        )

    assert "1 registrations declined; e-mails queued." in visible_text(done)
    delegate.refresh_from_db()
    assert delegate.status == Delegate.Status.DECLINED
    email = Notification.objects.get(kind="registration_declined")
    assert email.language == "fr"
    assert "La désignation de votre délégation ne vous mentionne pas." in email.body_text
    assert "Ref. NV 123/2018" in email.body_text
    assert mail.outbox[-1].subject.startswith("Inscription refusée")


def test_a_confirmed_delegate_who_changes_their_name_waits_again(client, open_registration):
    delegate, token = register(open_registration)
    services.delegate_confirm(delegate=delegate)

    response = edit(client, token, family_name="Diallo-Sow")

    delegate.refresh_from_db()
    assert (delegate.family_name, delegate.status) == ("Diallo-Sow", Delegate.Status.REGISTERED)
    assert "waits for the ISU to confirm it again" in visible_text(response)


def test_a_change_the_isu_did_not_check_keeps_the_confirmation(client, open_registration):
    delegate, token = register(open_registration)
    services.delegate_confirm(delegate=delegate)

    response = edit(client, token, gender="undisclosed")

    delegate.refresh_from_db()
    assert delegate.status == Delegate.Status.CONFIRMED
    assert "confirm it again" not in visible_text(response)


def test_a_focal_point_changing_a_confirmed_members_function_sends_it_back(
    client, open_registration
):
    delegation, token = register_delegation(open_registration, state="CHE", members=[person(7)])
    member = delegation.delegates.get()
    services.delegate_confirm(delegate=member)
    url = reverse("registration:delegation-member", args=[token, member.pk])

    member.refresh_from_db()
    client.post(url, person(7, function="Minister", version=member.version))

    member.refresh_from_db()
    assert (member.function, member.status) == ("Minister", Delegate.Status.REGISTERED)


def test_staff_changes_in_the_admin_keep_the_confirmation(open_registration):
    delegate, _ = register(open_registration)
    services.delegate_confirm(delegate=delegate)
    delegate.refresh_from_db()

    services.delegate_update(delegate=delegate, data={"family_name": "Sow"}, by_staff=True)

    delegate.refresh_from_db()
    assert delegate.status == Delegate.Status.CONFIRMED


def test_the_admin_shows_what_changed_since_the_confirmation(client, open_registration, isu_user):
    delegate, token = register(open_registration)
    services.delegate_confirm(delegate=delegate)
    edit(client, token, family_name="Diallo-Sow")
    edit(client, token, family_name="Sow", function="Minister")
    client.force_login(isu_user)

    page = client.get(reverse("admin:registration_delegate_change", args=[delegate.pk]))

    text = visible_text(page)
    assert "Confirmed before; changed since through the private link" in text
    since = text.split("Confirmed before")[1].split("History of changes")[0]
    assert "family name : Diallo1 → Sow" in since
    assert "function : Counsellor → Minister" in since
    assert "given name" not in since
