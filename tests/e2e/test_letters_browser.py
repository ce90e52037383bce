"""In Chromium: a delegate asks for a visa support letter through the private link,
the ISU approves it in the admin, the letter is downloaded, verified on its page from
the address printed under its QR code, revoked in the admin and shown revoked (axe
finds nothing on those pages). The verification page, and the request page, are valid
HTML in the six languages."""

import re
from pathlib import Path

import pytest
from django.contrib.auth.models import User
from playwright.sync_api import Page, expect

from documents.models import Certificate, VisaLetter
from tests.checkin.test_door_browser import signed_in
from tests.conftest import geneva
from tests.documents.letters_helpers import ask, check_in, give_identity, issue
from tests.e2e.test_accessibility import assert_accessible, prepare
from tests.e2e.test_html_validity import vnu_errors
from tests.helpers import pdf_text, register
from tests.i18n.pages import LANGUAGES

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    # axe is injected into the page: see test_accessibility.py.
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def site(live_server, meeting, clock_at, settings, tmp_path):
    prepare(meeting, clock_at)
    settings.MEDIA_ROOT = tmp_path / "media"
    return live_server


def admin_action(page: Page, site, model: str, action: str, row_text: str):
    page.goto(f"{site.url}/admin/documents/{model}/")
    row = page.get_by_role("row").filter(has_text=row_text)
    row.get_by_role("checkbox").check()
    page.get_by_label("Action:").select_option(label=action)
    page.get_by_role("button", name="Go").click()
    page.wait_for_load_state()


def test_a_visa_letter_is_issued_verified_revoked_and_shown_revoked(page: Page, site, meeting):
    delegate, token = register(meeting, state="SEN", given_name="Awa", family_name="Ndiaye")
    page.goto(f"{site.url}/en/registration/{token}/")
    page.get_by_role("link", name="Ask for a letter, follow your request").click()
    assert_accessible(page, "visa letter request")

    page.get_by_label("Consulate or embassy where you apply for the visa").fill(
        "Embassy of Switzerland in Dakar"
    )
    page.get_by_label("Arrival in Geneva").fill("2018-06-05")
    page.get_by_label("Departure from Geneva").fill("2018-06-09")
    page.get_by_label("Français").check()
    page.get_by_label("Name as in the passport or identity card").fill("NDIAYE Awa")
    page.get_by_label("Nationality").select_option("SEN")
    page.get_by_label("Date of birth").fill("1985-03-02")
    page.get_by_role("radio", name="Passport").check()
    page.get_by_label("Document number").fill("A1234567")
    page.get_by_label("Document valid until").fill("2026-05-01")
    page.get_by_role("button", name="Send the request").click()
    expect(page.get_by_text("Your request is received.")).to_be_visible()

    signed_in(page.context, site, User.objects.create_superuser("isu-chief", "c@isu.example", "x"))
    admin_action(page, site, "visaletter", "Approve the selected requests", "Ndiaye")
    expect(page.get_by_text("1 letters approved")).to_be_visible()

    page.goto(f"{site.url}/en/registration/{token}/visa-letter/")
    expect(page.get_by_text("Issued", exact=True)).to_be_visible()
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the letter (PDF)").click()
    text = " ".join(pdf_text(Path(download.value.path()).read_bytes()).split())
    assert "Lettre d’appui à une demande de visa" in text
    assert "NDIAYE Awa" in text and "A1234567" in text
    code = re.search(r"/verify/([\w-]+)/", text).group(1)
    assert code == VisaLetter.objects.get().code

    # A consulate opens the address printed under the QR code (no language in it).
    page.goto(f"{site.url}/verify/{code}/")
    assert "/en/verify/" in page.url
    result = page.locator(".verify-result")
    expect(result).to_contain_text("This visa support letter is genuine")
    expect(page.locator(".verify-details")).to_contain_text("NDIAYE Awa")
    expect(page.locator(".verify-details")).to_contain_text("Senegal")
    expect(page.locator(".verify-details")).not_to_contain_text("A1234567")
    assert_accessible(page, "verification page")

    admin_action(page, site, "visaletter", "Revoke the selected letters", "Ndiaye")
    expect(page.get_by_text("1 letters revoked.")).to_be_visible()

    page.goto(f"{site.url}/fr/verify/{code}/")
    expect(page.locator(".verify-result")).to_contain_text(
        "Cette lettre d’appui à une demande de visa a été révoquée le 30 mai 2018".replace("’", "'")
    )


def test_the_verification_and_request_pages_are_valid_html_in_six_languages(
    client, site, meeting, clock_at, tmp_path, django_capture_on_commit_callbacks
):
    genuine, genuine_token = register(meeting, state="SEN", n=1)
    give_identity(genuine)
    letter = issue(ask(genuine), django_capture_on_commit_callbacks)
    revoked, _ = register(meeting, state="SEN", n=2)
    give_identity(revoked)
    gone = issue(ask(revoked), django_capture_on_commit_callbacks)
    VisaLetter.objects.filter(pk=gone.pk).update(status="revoked", revoked_at=geneva(2018, 6, 1))
    asking, asking_token = register(meeting, state="SEN", n=3)
    clock_at(geneva(2018, 6, 7, 9))
    outcome = check_in(genuine, meeting.starts_on)
    clock_at(geneva(2018, 6, 11, 9))
    response = client.get(f"/en/registration/{genuine_token}/certificate.pdf")
    assert response.status_code == 200, (outcome, response.content[:300])
    certificate = Certificate.objects.get(delegate=genuine)

    pages = {}
    for language in LANGUAGES:
        for name, path in {
            "letter": f"/{language}/verify/{letter.code}/",
            "revoked": f"/{language}/verify/{gone.code}/",
            "certificate": f"/{language}/verify/{certificate.code}/",
            "unknown": f"/{language}/verify/{'x' * 22}/",
            "private link after the meeting": f"/{language}/registration/{genuine_token}/",
        }.items():
            response = client.get(path)
            assert response.status_code in (200, 404), path
            pages[f"{name} {language}"] = response.content.decode()
    clock_at(geneva(2018, 5, 30, 12))
    for language in LANGUAGES:
        pages[f"request with errors {language}"] = client.post(
            f"/{language}/registration/{asking_token}/visa-letter/", {"consulate": ""}
        ).content.decode()
        pages[f"issued letter {language}"] = client.get(
            f"/{language}/registration/{genuine_token}/visa-letter/"
        ).content.decode()

    errors = vnu_errors(pages, tmp_path)

    assert errors == [], f"{len(errors)} HTML error(s):\n" + "\n".join(errors)
