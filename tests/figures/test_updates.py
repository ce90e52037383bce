"""The ISU's view of the updates: each obligated State's registration, place on the
speakers' list and statement; and the letter's two asks measured over all statements."""

import io

import openpyxl
import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from django.urls import reverse

from figures.updates import statement_shares, update_rows
from floor import services as floor_services
from registration.models import InterventionRequest
from tests.conftest import geneva
from tests.helpers import (
    confirm_obligations,
    document,
    item,
    person,
    register_delegation,
    visible_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def site(obligations, clock_at, media):
    clock_at(geneva(2018, 5, 30, 12, 0))
    return obligations


def delegation_of(meeting, state, n):
    delegation, _token = register_delegation(
        meeting, state=state, members=[person(n, role="head")], email=f"focal{n}@x.example"
    )
    return delegation


def statement(delegation, number=3, *, gender, data):
    return floor_services.statement_upload(
        delegation=delegation,
        agenda_item=item(number),
        kind="statement",
        language="en",
        reflects_gender_and_diversity=gender,
        includes_disaggregated_data=data,
        upload=SimpleUploadedFile("s.pdf", document("pdf")),
    )


def test_the_two_shares_are_counted_over_all_statements(site):
    afg, col, fra = (delegation_of(site, s, n) for n, s in enumerate(["AFG", "COL", "FRA"], 1))
    statement(afg, gender=True, data=True)
    statement(afg, 2, gender=True, data=False)
    statement(col, gender=False, data=False)
    statement(fra, 6, gender=True, data=False)

    gender, data = statement_shares(site)

    assert (gender.count, gender.total, gender.share) == (3, 4, 75.0)
    assert (data.count, data.total, data.share) == (1, 4, 25.0)


def test_no_statement_makes_shares_of_zero_not_an_error(site):
    assert [(c.count, c.total, c.share) for c in statement_shares(site)] == [(0, 0, 0.0)] * 2


def row(rows, state, kind="article_5"):
    return next(r for r in rows if r.state == state and r.kind == kind)


def test_each_obligated_state_with_its_registration_list_and_statement(site):
    confirm_obligations("AFG", "COL")
    afg = delegation_of(site, "AFG", 1)
    col = delegation_of(site, "COL", 2)
    request = InterventionRequest.objects.create(
        delegation=afg,
        agenda_item=item(3),
        speaker=afg.delegates.get(),
        requested_at=geneva(2018, 5, 30, 12),
    )
    sent = statement(afg, gender=True, data=False)
    floor_services.intervention_save(intervention=request, spoke_changed=False)
    request.spoke = True
    floor_services.intervention_save(intervention=request, spoke_changed=True)
    floor_services.statements_publish(statements=[sent])
    statement(col, gender=False, data=False)

    rows = update_rows(site)

    assert len(rows) == 68
    afghanistan = row(rows, "Afghanistan")
    assert (afghanistan.confirmed, afghanistan.items, afghanistan.registered) == (True, "3", True)
    assert (afghanistan.on_list, afghanistan.received) == (True, True)
    assert (afghanistan.delivered, afghanistan.published) == (True, True)
    colombia = row(rows, "Colombia")
    assert (colombia.registered, colombia.on_list, colombia.received) == (True, False, True)
    assert (colombia.delivered, colombia.published) == (False, False)
    angola = row(rows, "Angola")
    assert (angola.confirmed, angola.registered, angola.received) == (False, False, False)
    assert row(rows, "Afghanistan", "victim_assistance").received is False
    assert row(rows, "Greece", "article_4").items == "7"


@pytest.mark.parametrize("states", [1, 5])
def test_the_updates_run_a_fixed_number_of_queries(site, django_assert_max_num_queries, states):
    for n, code in enumerate(["AFG", "COL", "SDN", "KHM", "PER"][:states], start=1):
        statement(delegation_of(site, code, n), gender=True, data=False)

    with django_assert_max_num_queries(5):
        update_rows(site)


def test_the_updates_page_and_its_xlsx(client, site, office_user):
    confirm_obligations("AFG")
    statement(delegation_of(site, "AFG", 1), gender=True, data=True)
    client.force_login(office_user)

    page = client.get(reverse("staff:updates"))
    index = client.get(reverse("admin:index"))
    workbook = openpyxl.load_workbook(
        io.BytesIO(client.get(reverse("staff:updates-xlsx")).content), read_only=True
    )

    text = visible_text(page)
    assert "Afghanistan Article 5: mine clearance 1 Mar 2023 yes 3 yes no yes no no" in text
    assert "Angola Article 5: mine clearance 31 Dec 2025 no (Sourced)" in text
    assert "Reflect gender and diversity 1 1 100.0 %" in text
    assert "Updates from States with obligations" in visible_text(index)
    sheet = workbook["Updates"]
    header, *lines = list(sheet.iter_rows(values_only=True))
    assert header[0] == "State" and header[7] == "On the speakers' list"
    afghanistan = next(r for r in lines if r[0] == "Afghanistan" and r[1].startswith("Article 5"))
    assert afghanistan[3:] == ("yes", "Sourced", "3", "yes", "no", "yes", "no", "no")
    shares = list(workbook["Statements"].iter_rows(values_only=True))
    assert shares[1] == ("Reflect gender and diversity", 1, 1, 1.0)
    assert shares[2] == ("Include sex- and age-disaggregated data", 1, 1, 1.0)


def test_the_figures_page_shows_the_two_shares(client, site, office_user):
    statement(delegation_of(site, "AFG", 1), gender=True, data=False)
    statement(delegation_of(site, "COL", 2), gender=False, data=False)
    client.force_login(office_user)

    text = visible_text(client.get(reverse("staff:figures")))

    assert "Reflect gender and diversity 1 2 50.0 %" in text
    assert "Include sex- and age-disaggregated data 0 2 0.0 %" in text


def test_the_updates_page_is_for_staff(client, site):
    from tests.helpers import staff_user

    assert client.get(reverse("staff:updates")).status_code == 302
    client.force_login(staff_user("nobody"))
    assert client.get(reverse("staff:updates")).status_code == 403
