"""Who came: attendance beside registration on the figures page and in its XLSX,
the delegations that did not come, and the internal List of Participants limited to
those who attended."""

import csv
import io

import openpyxl
import pytest
from django.urls import reverse

from checkin.services import checkin_scan
from documents.badges import signed_badge_id
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def came(day_one, delegates, venue_user):
    """Amina1 (France, head of delegation, woman) and Amina3 (ICRC, man, 55-64) came;
    Amina2 (France) did not; a forged badge was refused."""
    for n, delegate in enumerate([delegates[0], delegates[2]]):
        checkin_scan(
            checkin_list=day_one,
            code=signed_badge_id(delegate),
            by=venue_user,
            method="scanner",
            nonce=f"came-{n:04}",
        )
    checkin_scan(
        checkin_list=day_one, code="B1V1S" + "A" * 16, by=venue_user, method="camera", nonce="x" * 8
    )
    return delegates


def test_the_figures_page_shows_attendance_beside_registration(client, office_user, came, meeting):

    client.force_login(office_user)

    response = client.get(reverse("staff:figures"))

    text = visible_text(response)
    assert "2 of the 3 registered delegates checked in at the door" in text
    assert "Attendance by gender" in text
    # All categories: 2 women registered, 1 came; 1 man registered, 1 came.
    assert "All categories 2 came of 3 Woman 2 1 50.0 % 50.0 % Man 1 1 50.0 % 100.0 %" in text
    assert "Heads of delegation, attendance by gender" in text
    assert "Attendance by age group" in text
    assert "55 to 64 1 1 50.0 % 100.0 %" in text
    assert "Not a badge of this meeting (invalid or forged) 1" in text
    assert "Every delegation that registered has come." in text


def test_a_delegation_that_did_not_come_is_listed(client, office_user, came, meeting, clock_at):
    from tests.conftest import BEFORE_DEADLINE
    from tests.helpers import register

    clock_at(BEFORE_DEADLINE)
    register(meeting, state="DEU", n=7)
    client.force_login(office_user)

    text = visible_text(client.get(reverse("staff:figures")))

    assert "Delegations that registered and did not come Germany (State Party, 1)" in text


def test_the_figures_xlsx_has_attendance_and_absent_delegations(client, office_user, came):
    client.force_login(office_user)

    book = openpyxl.load_workbook(io.BytesIO(client.get(reverse("staff:figures-xlsx")).content))

    sheet = book["5 Attendance by gender"]
    header = [c.value for c in sheet[2]]
    assert header[:4] == [
        "Category",
        "Woman registered",
        "Woman came",
        "Woman (share of those who came)",
    ]
    row = [c.value for c in sheet[3]]
    assert row[0] == "All categories" and row[1:3] == [2, 1] and row[-2:] == [3, 2]
    refused = [[c.value for c in r] for r in book["Refused at the door"].iter_rows(min_row=2)]
    assert ["Not a badge of this meeting (invalid or forged)", 1] in refused


def test_the_internal_list_can_be_limited_to_those_who_came(client, office_user, came):
    client.force_login(office_user)

    response = client.get(reverse("staff:participants", args=["csv"]) + "?attended=1")

    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    names = {cell for row in rows for cell in row}
    assert "Diallo1" in names and "Diallo3" in names
    assert "Diallo2" not in names
    assert "attended" in response["Content-Disposition"]
