""" "Registration received" as the worker writes it (outbox/writing.py, registration/
emails.py write_received): in the delegate's language, with the names as they are when
it is sent, in a statement budget counted as `make bench` counts the worker's."""

import pytest
from django.core import mail
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from outbox.models import Notification
from outbox.tasks import send_notification
from reference.models import Organisation
from registration.models import Delegate
from tests.helpers import self_registration, statements

pytestmark = pytest.mark.django_db

# Claim the row, read the delegate's names, mark the row sent (docs/performance.md).
WORKER_PER_EMAIL = 3


def register(client, language="en", **data) -> Notification:
    """A registration through the public form; its e-mail left queued, as when the
    worker has not run yet."""
    with translation.override(language):
        url = reverse("registration:register-delegate")
    response = client.post(url, self_registration(**data))
    assert response.status_code == 302, response.content[:2000]
    return Notification.objects.filter(status=Notification.Status.PENDING).latest("pk")


@pytest.fixture
def held(monkeypatch):
    """The hand-over to Celery held back: the test runs the worker's task itself."""
    monkeypatch.setattr("outbox.services.enqueue_notification", lambda pk: None)


def test_the_worker_writes_and_sends_it_in_three_statements(
    client, open_registration, france, held
):
    send_notification(register(client, state=france, n=1).pk)  # the process has sent one
    notification = register(client, state=france, n=2)

    with CaptureQueriesContext(connection) as captured:
        send_notification(notification.pk)

    ran = statements(captured)
    assert len(ran) <= WORKER_PER_EMAIL, "\n".join(ran)
    message = mail.outbox[-1]
    assert message.to == ["amina2@mission.example"]
    assert message.subject == "Registration received: 2018 Intersessional Meetings"
    assert message.body.startswith(
        "Dear Amina2 Diallo2,\n\nYour registration for the 2018 Intersessional Meetings in"
        " the delegation of France is received."
    )
    html = message.alternatives[0][0]
    assert "<p>Dear Amina2 Diallo2,</p>" in html
    notification.refresh_from_db()
    assert notification.status == Notification.Status.SENT
    assert (notification.subject, notification.values) == (message.subject, {})


def test_an_organisations_delegate_reads_its_name_in_their_language(
    client, open_registration, icrc, held
):
    notification = register(client, language="fr", organisation=icrc)

    send_notification(notification.pk)

    [message] = mail.outbox
    assert message.body.startswith("Bonjour Amina1 Diallo1,\n\nVotre inscription aux ")
    assert "dans la délégation (Comité international de la Croix-Rouge) est reçue." in (
        message.body
    )
    assert message.subject.startswith("Inscription reçue")


def test_a_renamed_organisation_is_named_anew_in_the_next_email(
    client, open_registration, icrc, held
):
    send_notification(register(client, organisation=icrc, n=1).pk)
    Organisation.objects.filter(pk=icrc.pk).update(name_en="Red Cross (renamed)")
    icrc.refresh_from_db()
    icrc.save()  # as the admin saves it: the process forgets what it kept

    send_notification(register(client, organisation=icrc, n=2).pk)

    assert "in the delegation of International Committee" in mail.outbox[0].body
    assert "in the delegation of Red Cross (renamed) is received" in mail.outbox[1].body


def test_a_delegate_erased_before_the_worker_runs_gets_no_email(
    client, open_registration, france, held
):
    notification = register(client, state=france)
    Delegate.objects.all().delete()

    send_notification(notification.pk)

    assert mail.outbox == []
    notification.refresh_from_db()
    assert notification.status == Notification.Status.FAILED
    assert notification.last_error.startswith("Nothing to write it from: delegate ")
    assert notification.values == {}
