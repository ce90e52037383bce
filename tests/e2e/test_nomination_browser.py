"""In Chromium: a focal point uploads its note verbale through the private link, ticks
the members it names, and sees it waiting; an ISU officer signs in (password and
authenticator code), opens it in the admin, marks it checked, and the delegation's
page then says it is checked. The accreditation pages are axe-clean."""

import pytest
from playwright.sync_api import Page, expect

from accreditation.models import Nomination
from tests.e2e.test_accessibility import assert_accessible, prepare
from tests.helpers import (
    MINIMAL_PDF,
    make_roles,
    person,
    register,
    register_delegation,
    staff_user,
    totp_device,
    totp_token,
)

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


def test_a_note_verbale_uploaded_through_the_link_is_checked_by_the_isu(page: Page, site, meeting):
    delegation, token = register_delegation(
        meeting,
        state="AFG",
        members=[person(1, role="head"), person(2, given_name="Farid", family_name="Amiri")],
        email="focal@afg.example",
    )

    page.goto(f"{site.url}/en/delegation/{token}/")
    page.get_by_role("link", name="Send or review your nomination").click()
    page.get_by_label("Note verbale or letter of nomination").set_input_files(
        {"name": "NV 2018-117.pdf", "mimeType": "application/pdf", "buffer": MINIMAL_PDF}
    )
    page.get_by_label("Farid Amiri").check()
    page.get_by_role("button", name="Send the nomination").click()

    expect(page.get_by_role("alert")).to_have_text(
        "Thank you: the nomination is received. The ISU will check it."
    )
    row = page.get_by_role("row", name="NV 2018-117.pdf")
    expect(row).to_contain_text("Waiting for the ISU")
    assert_accessible(page, "nomination page")
    nomination = Nomination.objects.get(delegation=delegation)
    assert [m.family_name for m in nomination.members.all()] == ["Amiri"]

    # The ISU, in the admin.
    make_roles()
    officer = staff_user("officer", "ISU staff")
    code = totp_token(totp_device(officer))
    page.goto(f"{site.url}/admin/login/")
    page.get_by_label("Username").fill("officer")
    page.get_by_label("Password").fill("pw")
    page.locator('input[name="otp_token"]').fill(code)
    page.get_by_role("button", name="Log in").click()
    page.goto(f"{site.url}/admin/registration/delegation/?nomination=unchecked")
    expect(page.locator("#result_list")).to_contain_text("Afghanistan")
    expect(page.locator("#result_list")).to_contain_text("sent, not yet received")

    page.goto(f"{site.url}/admin/accreditation/nomination/{nomination.pk}/change/")
    with page.expect_download() as download:
        page.get_by_role("link", name="Download the file (recorded in the audit log)").click()
    assert download.value.suggested_filename == f"nomination-{nomination.pk}.pdf"
    page.locator('input[name="checked_on"]').fill("2018-05-30")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("was changed successfully")

    nomination.refresh_from_db()
    assert str(nomination.checked_on) == "2018-05-30" and nomination.checked_by == officer
    page.goto(f"{site.url}/admin/registration/delegation/?nomination=unchecked")
    expect(page.locator("#result_list")).not_to_be_visible()
    page.goto(f"{site.url}/en/delegation/{token}/nomination/")
    expect(page.get_by_role("row", name="NV 2018-117.pdf")).to_contain_text(
        "Checked by the ISU on 30 May 2018"
    )


def test_the_identity_page_is_axe_clean_and_keeps_what_was_typed(page: Page, site, meeting):
    meeting.asks_identity_details = True
    meeting.save(update_fields=["asks_identity_details"])
    _delegate, token = register(meeting, state="AFG")

    page.goto(f"{site.url}/en/registration/{token}/")
    page.get_by_role("link", name="Give your identity details and needs").click()
    page.get_by_label("Name as in the passport or identity card").fill("DIALLO Amina")
    page.get_by_label("Nationality").select_option("AFG")
    page.get_by_label("Date of birth").fill("2012-01-01")
    page.get_by_role("radio", name="Passport").check()
    page.get_by_label("Document number").fill("P0123456")
    page.get_by_label("Document valid until").fill("2027-01-01")
    page.get_by_role("button", name="Save the identity details").click()

    expect(page.get_by_text("A participant must be at least 18 years old.")).to_be_visible()
    expect(page.get_by_label("Document number")).to_have_value("P0123456")
    assert_accessible(page, "identity details with an error")
    page.get_by_label("Date of birth").fill("1980-01-01")
    page.get_by_role("button", name="Save the identity details").click()
    expect(page.get_by_role("alert")).to_have_text("Thank you: your identity details are saved.")
