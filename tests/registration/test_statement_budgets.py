"""The statements the hot public requests may run (issue 26), counted as `make bench`
counts them (tests.helpers.statements): a change that adds one to the registration
POST or the private-link page fails here the day it lands, before any bench. The
door scan's budget is in tests/checkin/test_door.py.

Each is measured in a process that has served a page in the last minute, as under
load: the meeting and the States are then in its memory (intersessional/memo.py).
"""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from outbox.models import Notification
from registration import links
from registration.models import Delegate, Delegation
from tests.helpers import register, self_registration, statements, visible_text

pytestmark = pytest.mark.django_db

REGISTRATION_POST = 6
PRIVATE_LINK = 4
URL = reverse("registration:register-delegate")


def post(client, state, n):
    return client.post(URL, self_registration(state=state, n=n))


def test_a_registration_post_runs_at_most_six_statements(client, open_registration, france):
    assert post(client, france, n=1).status_code == 302  # France's delegation now exists

    with CaptureQueriesContext(connection) as captured:
        response = post(client, france, n=2)

    assert response.status_code == 302
    assert Delegate.objects.filter(email="amina2@mission.example").exists()
    # The delegation, the delegate, its audit-log entry, the e-mail's row, the State
    # locked with whether its updates invitation went, the State's confirmed obligations.
    ran = statements(captured)
    assert len(ran) <= REGISTRATION_POST, "\n".join(ran)


def test_the_registration_post_leaves_the_email_to_the_worker(client, open_registration, france):
    post(client, france, n=1)

    notification = Notification.objects.get()
    # Only the references: the worker writes it (outbox/writing.py) in the person's language.
    assert (notification.subject, notification.body_text) == ("", "")
    assert notification.values["delegate"] == Delegate.objects.get().pk


def test_a_first_registration_of_a_delegation_runs_two_more(client, open_registration, france):
    post(client, france, n=0)  # warms the process: the meeting and the States are read
    Delegation.objects.all().delete()

    with CaptureQueriesContext(connection) as captured:
        assert post(client, france, n=1).status_code == 302

    # The delegation's INSERT and its audit-log entry.
    ran = statements(captured)
    assert len(ran) <= REGISTRATION_POST + 2, "\n".join(ran)


def test_the_private_link_page_runs_at_most_four_statements(client, open_registration):
    _delegate, token = register(open_registration)
    client.get(links.path(Delegate, token))

    with CaptureQueriesContext(connection) as captured:
        page = client.get(links.path(Delegate, token))

    assert "Amina1 Diallo1" in visible_text(page)
    ran = statements(captured)
    assert len(ran) <= PRIVATE_LINK, "\n".join(ran)


def test_a_cold_process_reads_the_meeting_and_the_states_once(client, open_registration, france):
    with CaptureQueriesContext(connection) as first:
        post(client, france, n=1)
    with CaptureQueriesContext(connection) as second:
        post(client, france, n=2)

    first_ran, second_ran = statements(first), statements(second)
    assert sum("programme_meeting" in sql for sql in first_ran) == 1
    assert not any("programme_meeting" in sql for sql in second_ran)
    assert not any('FROM "reference_state"' in sql and "FOR" not in sql for sql in second_ran)
