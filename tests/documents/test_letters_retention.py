"""Visa letters print identity details: they go with them, days after the meeting;
certificates go with the rest at the retention; a person's copy lists both."""

import datetime

import pytest

from documents import services
from documents.models import Certificate, VisaLetter
from documents.tasks import daily
from intersessional import clock
from privacy.parts import export_documents, run, scope_for_meeting
from tests.conftest import geneva
from tests.documents.letters_helpers import ask, check_in, give_identity, issue
from tests.helpers import register

pytestmark = pytest.mark.django_db


@pytest.fixture
def issued(open_registration, clock_at, settings, tmp_path, django_capture_on_commit_callbacks):
    settings.MEDIA_ROOT = tmp_path / "media"
    delegate, _ = register(open_registration, state="SEN")
    give_identity(delegate)
    letter = issue(ask(delegate), django_capture_on_commit_callbacks)
    clock_at(geneva(2018, 6, 7, 9))
    check_in(delegate, datetime.date(2018, 6, 7))
    clock_at(geneva(2018, 6, 11, 9))
    certificate = services.certificate_for(delegate=delegate)
    return delegate, letter, certificate


def files(settings, folder):
    return [p for p in (settings.MEDIA_ROOT / folder).glob("*") if p.is_file()]


def test_letters_go_with_the_identity_details_days_after_the_meeting(
    client, issued, clock_at, settings, django_capture_on_commit_callbacks
):
    _delegate, letter, certificate = issued
    settings.IDENTITY_DETAILS_RETENTION_DAYS = 7
    clock_at(geneva(2018, 6, 15, 12))  # the seventh day after the last
    assert daily() == 0

    clock_at(geneva(2018, 6, 16, 12))
    with django_capture_on_commit_callbacks(execute=True):
        assert daily() == 1

    assert not VisaLetter.objects.exists()
    assert files(settings, "visa-letters") == []
    assert client.get(f"/en/verify/{letter.code}/").status_code == 404
    # The certificate holds no identity detail: it stays until the retention.
    assert client.get(f"/en/verify/{certificate.code}/").status_code == 200


def test_the_retention_deletes_letters_and_certificates_with_their_files(
    issued, settings, django_capture_on_commit_callbacks
):
    delegate, _letter, _certificate = issued
    assert files(settings, "certificates") and files(settings, "visa-letters")

    with django_capture_on_commit_callbacks(execute=True):
        lines = run(
            scope_for_meeting(
                delegate.meeting, keep_published_list=False, dry_run=False, now=clock.now()
            )
        )

    assert "1 visa support letters deleted (PDF files)" in [str(line) for line in lines]
    assert not VisaLetter.objects.exists() and not Certificate.objects.exists()
    assert files(settings, "certificates") == [] and files(settings, "visa-letters") == []


def test_a_persons_copy_lists_their_letter_and_certificate(issued):
    delegate, letter, certificate = issued

    _key, data = export_documents(delegate)

    [copy] = data["visa_support_letters"]
    assert copy["reference"] == letter.reference
    assert copy["consulate"] == "Embassy of Switzerland in Dakar"
    assert data["certificate_of_attendance"]["days"] == ["2018-06-07"]
    assert "code" not in copy
