"""The offer accepted, the travel booked, the letter rendered by the worker and
e-mailed; attendance from the door and the floor; the coordinator's report in HTML,
XLSX and PDF (English and French); the figures' line of sponsored delegates."""

import io
from decimal import Decimal

import openpyxl
import pytest

from outbox.models import Notification
from sponsorship import services
from sponsorship.models import Application, Travel
from tests.helpers import pdf_text, visible_text

from .conftest import TRAVEL, accepted, apply, issue

pytestmark = pytest.mark.django_db


def test_the_delegate_accepts_through_the_private_link(client, programme):
    application, _ = apply(programme)
    services.application_decide(
        application=application, decision="offer", reason="Deadline in 2019", version=1, by=None
    )
    # The decision's e-mail carries a new link: the one the person follows.
    mail = Notification.objects.get(kind="sponsorship_decision")
    link = mail.body_text.split("http://testserver")[-1].split()[0]
    link = "/" + link.split("/", 3)[-1] if link.startswith("http") else link
    path = next(word for word in mail.body_text.split() if "/sponsorship/" in word)
    path = path[path.index("/en/") :]

    page = client.get(path)
    assert "Please accept or decline by" in visible_text(page)
    response = client.post(path, {"answer": "accept"}, follow=True)

    application.refresh_from_db()
    assert application.status == Application.Status.ACCEPTED
    assert "you accepted the offer" in visible_text(response)


def test_issuing_the_ticket_renders_the_letter_and_e_mails_the_travel(
    client, programme, travel_user, django_capture_on_commit_callbacks
):
    application = accepted(programme)

    travel = issue(application, django_capture_on_commit_callbacks, by=travel_user)

    travel.refresh_from_db()
    assert travel.issued_at is not None
    assert travel.recorded_by == travel_user
    text = pdf_text(travel.letter.read())
    assert "Amina1 Diallo1" in text
    assert "LAD-ADD ET 50" in text
    mail = Notification.objects.get(kind="sponsorship_travel")
    assert "ADD-GVA ET 714" in mail.body_text
    path = next(word for word in mail.body_text.split() if "/sponsorship/" in word)
    path = path[path.index("/en/") :]
    page = visible_text(client.get(path))
    assert "Hôtel Royal, Geneva" in page
    letter = client.get(path + "letter.pdf")
    assert b"".join(letter.streaming_content).startswith(b"%PDF")


def test_the_travel_administrator_records_the_travel_on_the_page(
    client, programme, travel_user, django_capture_on_commit_callbacks
):
    application = accepted(programme)
    client.force_login(travel_user)
    prefix = f"t{application.pk}"

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            "/staff/sponsorship/travel/",
            {
                "application": application.pk,
                f"{prefix}-itinerary": TRAVEL["itinerary"],
                f"{prefix}-ticket_cost_chf": "1250.00",
                f"{prefix}-hotel": TRAVEL["hotel"],
                f"{prefix}-nights": "3",
                f"{prefix}-allowance_chf": "600",
                f"{prefix}-issue": "on",
            },
            follow=True,
        )

    assert "travel recorded" in visible_text(response)
    assert "Ticket issued" in visible_text(response)
    assert Travel.objects.get().issued_at is not None


def test_the_committee_cannot_book_travel(client, programme, committee_user):
    client.force_login(committee_user)

    assert client.get("/staff/sponsorship/travel/").status_code == 403


def test_the_report_counts_by_sex_and_region(client, story, committee_user):
    client.force_login(committee_user)

    response = client.get("/staff/sponsorship/report/")

    report = response.context["report"]
    assert report.stages == [
        "Applied",
        "Offered",
        "Accepted",
        "Travelled",
        "Attended",
        "Spoke or sent a statement",
    ]
    assert report.totals == [3, 3, 2, 2, 2, 1]
    by_sex = dict(report.tables[0].rows)
    assert by_sex["Woman"] == [2, 2, 1, 1, 1, 1]
    assert by_sex["Man"] == [1, 1, 1, 1, 1, 0]
    by_region = dict(report.tables[2].rows)
    assert by_region["African States"] == [2, 2, 2, 2, 2, 1]
    assert by_region["Asia-Pacific States"] == [1, 1, 0, 0, 0, 0]
    assert report.spent == Decimal("3700.00")
    assert "Spent (CHF) 3700.00" in visible_text(response)


def test_the_report_downloads_in_english_and_french(client, story, committee_user):
    client.force_login(committee_user)

    xlsx = client.get("/staff/sponsorship/report.xlsx?lang=fr")
    pdf = client.get("/staff/sponsorship/report.pdf")

    sheet = openpyxl.load_workbook(io.BytesIO(xlsx.content)).active
    rows = {row[0]: row[1:] for row in sheet.iter_rows(values_only=True) if row[0]}
    assert rows["États d'Afrique"][:6] == (2, 2, 2, 2, 2, 1)
    assert rows["Femme"][:6] == (2, 2, 1, 1, 1, 1)
    text = pdf_text(pdf.content)
    assert "Asia-Pacific States" in text
    assert "Spoke or sent a statement" in text


def test_the_figures_show_sponsored_delegates_as_a_line_of_their_own(client, story, office_user):
    client.force_login(office_user)

    text = visible_text(client.get("/staff/figures/"))

    # The share of women: one woman of the two sponsored delegates.
    assert "Sponsored delegates 1 2 50.0 %" in text
