"""In Chromium, the whole chain of issue 24: a delegate applies in French through the
private link with a nomination letter, the Sponsorship committee offers, the delegate
accepts, the travel administrator issues the ticket, the door checks them in, and the
coordinator's report counts them by sex and region."""

import re
from decimal import Decimal

import pytest
from django.conf import settings as django_settings
from django.test import Client
from playwright.sync_api import Page, expect

from checkin import services as checkin_services
from checkin.models import CheckinList, Method
from outbox.models import Notification
from sponsorship.models import Application, Programme
from tests.conftest import geneva
from tests.e2e.test_accessibility import prepare
from tests.helpers import document, make_roles, register, staff_user

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, meeting, clock_at, settings, tmp_path):
    prepare(meeting, clock_at)
    settings.MEDIA_ROOT = tmp_path / "media"
    Programme.objects.create(
        meeting=meeting,
        applications_open=True,
        deadline=geneva(2018, 5, 31, 12),
        budget_chf=Decimal("20000"),
        daily_allowance_chf=Decimal("200"),
        ticket_estimate_chf=Decimal("1400"),
    )
    make_roles()
    return live_server


def sign_in(page: Page, site, user) -> None:
    """The staff member's session, made as the login form and its second factor make
    it, given to the browser."""
    client = Client()
    client.force_login(user)
    page.context.add_cookies(
        [
            {
                "name": django_settings.SESSION_COOKIE_NAME,
                "value": client.cookies[django_settings.SESSION_COOKIE_NAME].value,
                "url": site.url,
            }
        ]
    )


def last_link(kind: str) -> str:
    body = Notification.objects.filter(kind=kind).latest("pk").body_text
    return re.search(r"/fr/sponsorship/[^\s]+/", body).group(0)


def test_apply_in_french_offer_accept_ticket_door_report(page: Page, site, meeting, clock_at):
    delegate, token = register(
        meeting, state="TCD", email="achta@gov.example", language="fr", gender="woman"
    )

    # The delegate applies in French, with the nomination letter.
    page.goto(f"{site.url}/fr/registration/{token}/")
    page.get_by_role("link", name="Demander un parrainage").click()
    page.locator('textarea[name="implementation_role"]').fill(
        "Cheffe des opérations du centre national de déminage"
    )
    page.locator('input[name="departure_city"]').fill("N'Djamena")
    page.locator('input[name="needs_schengen_visa"]').check()
    page.locator('input[name="name_in_document"]').fill("MAHAMAT ACHTA")
    page.locator('select[name="nationality"]').select_option("TCD")
    page.locator('input[name="date_of_birth"]').fill("1979-04-02")
    page.locator('input[name="document_number"]').fill("TD998877")
    page.locator('input[name="document_expires_on"]').fill("2021-06-30")
    page.locator('input[name="nomination"]').set_input_files(
        {"name": "Note verbale.pdf", "mimeType": "application/pdf", "buffer": document("pdf")}
    )
    page.get_by_role("button", name="Envoyer ma candidature").click()
    expect(page.locator(".sponsorship-status")).to_contain_text("Candidature reçue")
    application = Application.objects.get(delegate=delegate)
    assert application.nomination_type == "pdf"

    # The committee offers.
    committee = page.context.new_page()
    sign_in(committee, site, staff_user("coordinator", "Sponsorship committee"))
    committee.goto(f"{site.url}/staff/sponsorship/")
    row = committee.locator(f"#application-{application.pk}")
    expect(row).to_contain_text("TD998877")
    row.locator("select").select_option("offer")
    row.locator("textarea").fill("Échéance de l'article 5 proche")
    row.get_by_role("button", name="Decide").click()
    expect(committee.locator("#committed")).to_have_text("2000.00")

    # The delegate accepts through the link of the decision's e-mail.
    page.goto(site.url + last_link("sponsorship_decision"))
    expect(page.locator("main")).to_contain_text("Échéance de l'article 5 proche")
    page.get_by_role("button", name="Accepter l'offre").click()
    expect(page.locator(".sponsorship-status")).to_contain_text("Acceptée")

    # The travel administrator books and issues the ticket; the letter follows.
    travel = page.context.new_page()
    sign_in(travel, site, staff_user("travel", "Travel administrator"))
    travel.goto(f"{site.url}/staff/sponsorship/travel/")
    section = travel.locator(f"#travel-{application.pk}")
    section.locator("textarea").fill("NDJ-CDG AF 795, 5 June\nCDG-GVA AF 1042, 6 June")
    section.locator('input[name$="ticket_cost_chf"]').fill("1320")
    section.locator('input[name$="hotel"]').fill("Hôtel Royal, Genève")
    section.locator('input[name$="issue"]').check()
    section.get_by_role("button", name="Record the travel").click()
    expect(travel.locator(f"#travel-{application.pk}")).to_contain_text("Ticket issued")
    page.goto(site.url + last_link("sponsorship_travel"))
    expect(page.locator("main")).to_contain_text("CDG-GVA AF 1042")
    with page.expect_download() as download:
        page.get_by_role("link", name="Télécharger votre lettre de parrainage (PDF)").click()
    assert download.value.suggested_filename == "sponsorship-letter.pdf"

    # The door checks her in on the first day.
    clock_at(geneva(2018, 6, 7, 9))
    checkin_services.checkin_lists_ensure(meeting=meeting)
    door = CheckinList.objects.get(meeting=meeting, day=meeting.starts_on)
    checkin_services.checkin_delegate(
        checkin_list=door, delegate_pk=delegate.pk, by=None, method=Method.SEARCH, nonce="e2e-1"
    )

    # The report counts her by sex and region.
    committee.goto(f"{site.url}/staff/sponsorship/report/")
    tables = committee.locator("table.sponsorship-report")
    by_sex = tables.filter(has_text="By sex")
    came = ["1", "1", "1", "1", "1", "0"]  # applied, offered, ..., attended; not spoken
    expect(by_sex.locator("tr", has_text="Woman").locator("td")).to_have_text(came)
    by_region = tables.filter(has_text="By UN regional group")
    expect(by_region.locator("tr", has_text="African States").locator("td")).to_have_text(came)
