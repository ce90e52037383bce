"""The ISU's admin lists: a fixed number of queries whatever the number of delegates,
the filters they work with, and the export of a selection."""

import csv
import io

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from registration.models import Delegate
from tests.documents.test_exports import bulk_delegates

pytestmark = pytest.mark.django_db

ADMIN_LISTS = [
    "admin:registration_delegate_changelist",
    "admin:registration_delegation_changelist",
    "admin:outbox_notification_changelist",
    "admin:registration_interventionrequest_changelist",
]


def queries_for(client, url) -> int:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(url)
    assert response.status_code == 200
    return len(captured)


@pytest.mark.parametrize("name", ADMIN_LISTS)
def test_admin_list_runs_the_same_queries_at_1_and_200_delegates(
    admin_client, open_registration, name
):
    url = reverse(name)
    bulk_delegates(open_registration, 1)
    at_one = queries_for(admin_client, url)

    bulk_delegates(open_registration, 199)
    at_two_hundred = queries_for(admin_client, url)

    assert at_one == at_two_hundred, (at_one, at_two_hundred)


def test_isu_filters_delegates_by_consent_and_category(admin_client, open_registration):
    bulk_delegates(open_registration, 30)
    url = reverse("admin:registration_delegate_changelist")

    response = admin_client.get(
        url, {"public_list_consent__exact": "0", "delegation__category": "state_party"}
    )

    shown = response.context["cl"].result_count
    expected = Delegate.objects.filter(
        public_list_consent=False, delegation__category="state_party"
    ).count()
    assert shown == expected > 0


def test_isu_exports_the_selected_delegates_in_the_official_order(admin_client, open_registration):
    bulk_delegates(open_registration, 20)
    chosen = list(Delegate.objects.order_by("-pk")[:3])

    response = admin_client.post(
        reverse("admin:registration_delegate_changelist"),
        {"action": "export_selection", "_selected_action": [d.pk for d in chosen]},
    )

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert response["Content-Disposition"] == 'attachment; filename="selected-delegates.csv"'
    assert len(rows) == 4
    exported = {row[rows[0].index("E-mail")] for row in rows[1:]}
    assert exported == {d.email for d in chosen}


def test_isu_sends_a_delegate_a_new_private_link(
    admin_client, open_registration, django_capture_on_commit_callbacks
):
    from django.core import mail

    from reference.models import State
    from registration import services
    from tests.helpers import person

    identity = services.identity_for(
        meeting=open_registration, state=State.objects.get(alpha3="FRA")
    )
    delegate, old_token = services.delegate_register(
        meeting=open_registration,
        identity=identity,
        data={**person(1), "public_list_consent": True},
    )
    mail.outbox.clear()

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:registration_delegate_changelist"),
            {"action": "resend_link", "_selected_action": [delegate.pk]},
            follow=True,
        )

    assert "1 e-mail queued." in response.content.decode()
    [message] = mail.outbox
    assert message.subject == "Your private link: 2018 Intersessional Meetings"
    assert admin_client.get(reverse("registration:delegate", args=[old_token])).status_code == 404
