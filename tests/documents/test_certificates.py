"""Certificates of attendance: after the meeting, for each delegate the door checked
in, in their language, with the days attended; issued in a batch by staff (the worker
renders them) or at the delegate's first download; verified on the same page."""

import datetime

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from documents.models import Certificate
from documents.panels import visa_letter_and_certificate
from tests.conftest import geneva
from tests.documents.letters_helpers import check_in
from tests.helpers import pdf_text, register, visible_text

pytestmark = pytest.mark.django_db

DAY_ONE = datetime.date(2018, 6, 7)
DAY_TWO = datetime.date(2018, 6, 8)
AFTER_THE_MEETING = geneva(2018, 6, 11, 9)


@pytest.fixture
def came(open_registration, clock_at):
    """Amina1 (French pages) came both days, Amina2 the first day; Amina3 never came."""
    first, first_token = register(open_registration, state="SEN", language="fr")
    second, second_token = register(open_registration, state="SEN", n=2)
    absent, absent_token = register(open_registration, state="SEN", n=3)
    clock_at(geneva(2018, 6, 7, 9))
    check_in(first, DAY_ONE)
    check_in(second, DAY_ONE)
    clock_at(geneva(2018, 6, 8, 9))
    check_in(first, DAY_TWO)
    clock_at(AFTER_THE_MEETING)
    return {
        "first": (first, first_token),
        "second": (second, second_token),
        "absent": (absent, absent_token),
    }


def words(pdf: bytes) -> str:
    return " ".join(pdf_text(pdf).split())


def test_a_delegate_who_came_downloads_a_certificate_in_their_language(client, came):
    delegate, token = came["first"]

    page = visible_text(client.get(f"/fr/registration/{token}/"))
    response = client.get(f"/fr/registration/{token}/certificate.pdf")

    assert "Download your certificate of attendance (PDF)" not in page  # French page
    assert "attestation de participation" in page.lower()
    assert response["Content-Type"] == "application/pdf"
    text = words(response.content)
    assert "Attestation de participation" in text
    assert "7 juin 2018" in text and "8 juin 2018" in text
    certificate = Certificate.objects.get(delegate=delegate)
    assert certificate.status == "issued" and certificate.language == "fr"
    assert certificate.reference in text
    assert f"/verify/{certificate.code}/" in text


def test_the_certificate_gives_only_the_days_attended(client, came):
    delegate, token = came["second"]

    text = words(client.get(f"/en/registration/{token}/certificate.pdf").content)

    assert "Days attended 7 June 2018 Reference number" in text


def test_a_delegate_the_door_never_saw_has_no_certificate(client, came):
    _delegate, token = came["absent"]

    page = visible_text(client.get(f"/en/registration/{token}/"))
    response = client.get(f"/en/registration/{token}/certificate.pdf")

    assert "The door did not check you in" in page
    assert response.status_code == 404
    assert not Certificate.objects.exists()


def test_there_is_no_certificate_before_the_meeting_ends(client, came, clock_at):
    _delegate, token = came["first"]
    clock_at(geneva(2018, 6, 8, 18))

    response = client.get(f"/en/registration/{token}/certificate.pdf")

    assert response.status_code == 404
    assert "Certificate of attendance" not in visible_text(client.get(f"/en/registration/{token}/"))


def test_staff_issue_certificates_in_a_batch_rendered_by_the_worker(
    admin_client, came, django_capture_on_commit_callbacks
):
    delegates = [came[key][0] for key in ("first", "second", "absent")]

    with django_capture_on_commit_callbacks(execute=True):
        response = admin_client.post(
            reverse("admin:registration_delegate_changelist"),
            {"action": "issue_certificates", "_selected_action": [d.pk for d in delegates]},
            follow=True,
        )

    assert "2 certificates are being prepared" in visible_text(response)
    certificates = Certificate.objects.order_by("delegate__given_name")
    assert [(c.delegate.given_name, c.status) for c in certificates] == [
        ("Amina1", "issued"),
        ("Amina2", "issued"),
    ]
    assert certificates[0].days == ["2018-06-07", "2018-06-08"]
    # A second batch issues nothing again.
    with django_capture_on_commit_callbacks(execute=True):
        admin_client.post(
            reverse("admin:registration_delegate_changelist"),
            {"action": "issue_certificates", "_selected_action": [d.pk for d in delegates]},
        )
    assert Certificate.objects.count() == 2


def test_the_verification_page_shows_the_certificate_then_its_revocation(
    admin_client, client, came
):
    delegate, token = came["second"]
    client.get(f"/en/registration/{token}/certificate.pdf")
    certificate = Certificate.objects.get()

    text = visible_text(client.get(f"/en/verify/{certificate.code}/"))
    assert "This certificate of attendance is genuine" in text
    assert "Amina2 Diallo2" in text
    assert "Days attended 7 June 2018" in text
    assert "Senegal" in text  # the delegation

    admin_client.post(
        reverse("admin:documents_certificate_changelist"),
        {"action": "revoke", "_selected_action": [certificate.pk]},
    )

    text = visible_text(client.get(f"/en/verify/{certificate.code}/"))
    assert "This certificate of attendance was revoked on 11 June 2018" in text
    assert client.get(f"/en/registration/{token}/certificate.pdf").status_code == 404


def test_the_panel_adds_one_query_after_the_meeting_and_none_before(rf, came, clock_at):
    delegate, token = came["first"]

    def queries() -> int:
        with CaptureQueriesContext(connection) as captured:
            html = visa_letter_and_certificate(
                rf.get("/"), page="delegate", obj=delegate, token=token
            )
        assert html
        return len(captured)

    # The days attended, and only after the meeting.
    assert queries() == 1
    clock_at(geneva(2018, 6, 8, 18))  # the last day: no certificate yet
    assert queries() == 0
