"""The committee's page: what the decision weighs, a fixed number of queries whatever
the number of applications, and who may see it (nothing of the sponsorship for the
President's office; passports and letters for the committee and travel only)."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from reference.models import State
from sponsorship.models import Application, NominationDownload
from tests.helpers import confirm_obligations, staff_user, visible_text

from .conftest import apply

pytestmark = pytest.mark.django_db
PAGE = "/staff/sponsorship/"


def parties(n):
    return list(
        State.objects.filter(entry_into_force__isnull=False)
        .order_by("alpha3")
        .values_list("alpha3", flat=True)[:n]
    )


def fill(programme, n):
    states = parties(40)
    for i in range(n):
        apply(programme, state=states[i % len(states)], n=i, gender=["woman", "man"][i % 2])


def test_the_page_shows_what_the_decision_weighs(client, programme, committee_user):
    confirm_obligations("AGO")
    application, _ = apply(programme, state="AGO", n=1)
    client.force_login(committee_user)

    text = visible_text(client.get(PAGE))

    assert "Angola" in text
    assert "African States" in text
    assert "LDC" in text  # Angola was a least developed country in 2018
    assert "Article 5: mine clearance" in text
    assert "Amina1 Diallo1" in text
    assert "Woman, 35 to 44, Delegate" in text
    assert "Head of operations, national mine action centre" in text
    assert "N1234567" in text  # the committee sees the passport
    assert "Nomination letter" in text
    assert "Budget (CHF) 30000.00" in text


def test_the_query_count_does_not_grow_with_the_applications(client, programme, committee_user):
    client.force_login(committee_user)
    fill(programme, 10)
    # The first request of a process also reads what it keeps for a minute (the meeting,
    # the States, the staff's permissions: intersessional/memo.py); both counts are after it.
    client.get(PAGE)
    with CaptureQueriesContext(connection) as few:
        assert client.get(PAGE).status_code == 200
    fill_more = 200 - Application.objects.count()
    states = parties(40)
    for i in range(fill_more):
        apply(programme, state=states[i % 40], n=1000 + i)

    with CaptureQueriesContext(connection) as many:
        response = client.get(PAGE)

    assert response.status_code == 200
    assert "Sponsorship applications (200)" in visible_text(response)
    assert len(many) == len(few)
    assert len(many) <= 20


def test_an_offer_from_the_page_is_recorded(client, programme, committee_user):
    application, _ = apply(programme, state="AGO", n=1)
    client.force_login(committee_user)

    response = client.post(
        f"/staff/sponsorship/{application.pk}/decide",
        {
            f"a{application.pk}-decision": "offer",
            f"a{application.pk}-reason": "Article 5 deadline in 2019",
            f"a{application.pk}-version": application.version,
        },
        follow=True,
    )

    application.refresh_from_db()
    assert application.status == Application.Status.OFFERED
    assert "decision recorded and e-mailed" in visible_text(response)
    # Audited: who changed the state, and when.
    from privacy import audit

    entry = audit.entries_for(application).first()
    assert entry.actor == committee_user
    assert entry.changes_dict["status"] == ["applied", "offered"]
    assert "Committed (CHF) 2000.00" in visible_text(response)


def test_the_presidents_office_and_the_isu_cannot_decide(client, programme, office_user, isu_user):
    application, _ = apply(programme, state="AGO", n=1)
    for user in (office_user, isu_user):
        client.force_login(user)
        response = client.post(
            f"/staff/sponsorship/{application.pk}/decide",
            {f"a{application.pk}-decision": "offer", f"a{application.pk}-reason": "x"},
        )
        assert response.status_code == 403
    client.force_login(office_user)
    assert client.get(PAGE).status_code == 403


def test_the_isu_sees_the_page_without_passports_or_letters(client, programme, isu_user):
    application, _ = apply(programme, state="AGO", n=1)
    client.force_login(isu_user)

    text = visible_text(client.get(PAGE))

    assert "Amina1 Diallo1" in text
    assert "N1234567" not in text
    assert "Nomination letter" not in text
    assert client.get(f"/staff/sponsorship/{application.pk}/nomination").status_code == 403


def test_every_download_of_a_nomination_letter_is_audited(client, programme, travel_user):
    application, _ = apply(programme, state="AGO", n=1)
    client.force_login(travel_user)

    response = client.get(f"/staff/sponsorship/{application.pk}/nomination")

    assert response.status_code == 200
    assert b"".join(response.streaming_content).startswith(b"%PDF")
    download = NominationDownload.objects.get()
    assert download.by == travel_user
    assert download.application == application


def test_the_committee_sees_nothing_else_of_the_admin(client, programme, committee_user):
    client.force_login(committee_user)

    assert client.get("/admin/registration/delegate/").status_code == 403
    assert client.get("/admin/sponsorship/application/").status_code == 200


def test_a_declined_offer_proposes_the_first_of_the_wait_list(client, programme, committee_user):
    from sponsorship import services

    offered, _ = apply(programme, state="AGO", n=1)
    waiting, _ = apply(programme, state="TCD", n=2)
    services.application_decide(
        application=offered, decision="offer", reason="r", version=offered.version, by=None
    )
    services.application_decide(
        application=waiting, decision="wait_list", reason="r", version=waiting.version, by=None
    )
    services.offer_answer(application=offered, accept=False)
    client.force_login(committee_user)

    text = visible_text(client.get(PAGE))

    assert "First on the wait list: Amina2 Diallo2 (Chad)" in text


def test_a_staff_user_without_the_role_is_refused(client, programme, roles):
    client.force_login(staff_user("venue", "Venue staff"))

    assert client.get(PAGE).status_code == 403
