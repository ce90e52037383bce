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
from tests.helpers import (
    confirm_obligations,
    register,
    self_registration,
    statements,
    visible_text,
)

pytestmark = pytest.mark.django_db

REGISTRATION_POST = 6
# The row the link opens (with what the panels show of it), the delegate's requests for
# the floor.
PRIVATE_LINK = 2
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


def test_the_private_link_page_runs_at_most_two_statements(client, open_registration):
    _delegate, token = register(open_registration)
    client.get(links.path(Delegate, token))

    with CaptureQueriesContext(connection) as captured:
        page = client.get(links.path(Delegate, token))

    assert "Amina1 Diallo1" in visible_text(page)
    ran = statements(captured)
    assert len(ran) <= PRIVATE_LINK, "\n".join(ran)


def test_every_panel_showing_costs_two_statements_more(
    client, obligations, open_registration, clock_at
):
    """The page of a State Party's delegate with a confirmed obligation, the Sponsorship
    Programme open and a speaker called in the room: the panels read the programme
    from the cache, the application with the link's row and the obligations from the
    process's memory (issue 26: they once cost three statements a visit that no test
    counted)."""
    from tests.sponsorship.conftest import BEFORE_SPONSORSHIP_DEADLINE, make_programme

    clock_at(BEFORE_SPONSORSHIP_DEADLINE)
    make_programme(open_registration)
    _delegate, token = register(open_registration, state="COL")
    confirm_obligations("COL")
    client.get(links.path(Delegate, token))

    with CaptureQueriesContext(connection) as captured:
        page = client.get(links.path(Delegate, token))

    text = visible_text(page)
    assert "Sponsorship" in text
    assert "Updates the programme invites from Colombia" in text
    # The two more: the agenda items that call the State's updates, and whether its
    # delegation is on their speakers' lists.
    ran = statements(captured)
    assert len(ran) <= PRIVATE_LINK + 2, "\n".join(ran)


def test_a_cold_process_reads_the_meeting_and_the_states_once(client, open_registration, france):
    with CaptureQueriesContext(connection) as first:
        post(client, france, n=1)
    with CaptureQueriesContext(connection) as second:
        post(client, france, n=2)

    first_ran, second_ran = statements(first), statements(second)
    assert sum("programme_meeting" in sql for sql in first_ran) == 1
    assert not any("programme_meeting" in sql for sql in second_ran)
    assert not any('FROM "reference_state"' in sql and "FOR" not in sql for sql in second_ran)
