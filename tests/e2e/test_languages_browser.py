"""Registering in French and in Arabic in Chromium, whose browser language brings the
person to their pages; axe-core on the French and Arabic pages; a screenshot of the
Arabic form with errors kept as a test artefact (var/test-artefacts/)."""

from pathlib import Path

import pytest
from django.conf import settings as django_settings
from django.core import mail
from django.utils import translation
from playwright.sync_api import expect

from outbox.services import email_render
from reference.load import load_organisations, load_states
from reference.models import State
from registration.models import Delegate
from tests.conftest import geneva
from tests.e2e.test_accessibility import assert_accessible, private_link
from tests.i18n.pages import english_sentences
from tests.i18n.test_person_language import english_lines

pytestmark = pytest.mark.django_db(transaction=True)

ARTEFACTS = Path(django_settings.BASE_DIR) / "var" / "test-artefacts"


@pytest.fixture
def site(live_server, meeting, clock_at, settings):
    load_states()
    load_organisations()
    clock_at(geneva(2018, 5, 30, 12, 0))
    settings.SITE_URL = live_server.url
    return live_server


@pytest.fixture
def browser_in(browser):
    """A page in Chromium whose language is the person's: Accept-Language and all."""
    contexts = []

    def open_page(locale, *, bypass_csp=False):
        context = browser.new_context(locale=locale, bypass_csp=bypass_csp)
        contexts.append(context)
        return context.new_page()

    yield open_page
    for context in contexts:
        context.close()


def english_version(kind, context_for):
    with translation.override("en"):
        return email_render(kind, context_for())


def assert_wholly_in_its_language(message, delegate):
    """The e-mail has nothing that the same e-mail in English has, but names and links."""
    from registration import links

    def context():
        return {
            "meeting": delegate.meeting,
            "delegate": delegate,
            "delegation": delegate.delegation,
            "link": links.url(Delegate, "x"),
        }

    subject, text, html = english_version("registration_received", context)
    assert message.subject != subject
    assert english_lines(message.body, text) == set()
    assert english_sentences(message.alternatives[0][0], html) == set()


def fill_the_form(page, labels, state):
    page.get_by_label(labels["kind"], exact=True).check()
    page.get_by_label(labels["state"], exact=True).select_option(str(state.pk))
    page.get_by_label(labels["title"]).fill("Dr")
    page.get_by_label(labels["given_name"]).fill(labels["given"])
    page.get_by_label(labels["family_name"]).fill(labels["family"])
    page.get_by_label(labels["email"]).fill(labels["address"])
    page.get_by_label(labels["gender"], exact=True).check()
    page.get_by_label(labels["age"]).select_option("45_54")


FRENCH = {
    "kind": "Un État",
    "state": "État",
    "title": "Titre",
    "given_name": "Prénom",
    "family_name": "Nom de famille",
    "email": "Courriel",
    "gender": "Homme",
    "age": "Tranche d'âge",
    "submit": "S'inscrire",
    "given": "Jean-Éric",
    "family": "Lefèvre",
    "address": "je.lefevre@mission.example",
}
ARABIC = {
    "kind": "دولة",
    "state": "الدولة",
    "title": "اللقب",
    "given_name": "الاسم الأول",
    "family_name": "اسم العائلة",
    "email": "البريد الإلكتروني",
    "gender": "امرأة",
    "age": "الفئة العمرية",
    "submit": "التسجيل",
    "given": "ليلى",
    "family": "المنصوري",
    "address": "l.mansouri@mission.example",
}


def test_a_french_speaker_registers_in_french(site, browser_in):
    page = browser_in("fr-CH")
    page.goto(site.url)
    expect(page).to_have_url(f"{site.url}/fr/")
    page.get_by_role("link", name="S'inscrire maintenant").click()
    page.get_by_role("link", name="Vous inscrire").click()

    fill_the_form(page, FRENCH, State.objects.get(alpha3="FRA"))
    page.get_by_role("button", name=FRENCH["submit"], exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Merci : votre inscription est reçue")
    delegate = Delegate.objects.get()
    assert delegate.language == "fr"
    (message,) = mail.outbox
    assert message.subject.startswith("Inscription reçue : ")
    assert f"{site.url}/fr/registration/" in message.body
    assert_wholly_in_its_language(message, delegate)


def test_an_arabic_speaker_sees_errors_right_to_left_then_registers_in_arabic(site, browser_in):
    page = browser_in("ar-EG")
    page.set_viewport_size({"width": 1200, "height": 1600})
    page.goto(site.url + "/ar/register/delegate/")
    assert page.evaluate("getComputedStyle(document.body).direction") == "rtl"

    page.get_by_role("button", name=ARABIC["submit"], exact=True).click()
    page.wait_for_load_state()

    errors = page.locator(".invalid-feedback, .alert-danger")
    expect(errors.first).to_be_visible()
    assert "يُرجى تصحيح الحقول المشار إليها أدناه." in page.inner_text("main")
    # Right to left: a field's label starts at the right edge of its column.
    label = page.locator("label[for=id_given_name]").bounding_box()
    field = page.get_by_label(ARABIC["given_name"]).bounding_box()
    assert abs((label["x"] + label["width"]) - (field["x"] + field["width"])) < 30
    # The e-mail field stays left to right.
    assert page.get_by_label(ARABIC["email"]).evaluate("e => getComputedStyle(e).direction") == (
        "ltr"
    )
    ARTEFACTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(
        path=str(ARTEFACTS / "arabic-registration-form-with-errors.png"), full_page=True
    )

    fill_the_form(page, ARABIC, State.objects.get(alpha3="EGY"))
    page.get_by_role("button", name=ARABIC["submit"], exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("شكراً: تم استلام تسجيلك")
    delegate = Delegate.objects.get()
    assert delegate.language == "ar"
    assert (delegate.given_name, delegate.family_name) == ("ليلى", "المنصوري")
    (message,) = mail.outbox
    assert message.subject.startswith("تم استلام التسجيل: ")
    assert 'dir="rtl"' in message.alternatives[0][0]
    assert_wholly_in_its_language(message, delegate)


PAGES = [
    ("home", "/{lang}/"),
    ("programme", "/{lang}/programme/"),
    ("start", "/{lang}/register/"),
    ("delegate form", "/{lang}/register/delegate/"),
    ("delegation form", "/{lang}/register/delegation/"),
    ("lost link", "/{lang}/register/lost-link/"),
]


@pytest.mark.parametrize("language", ["ar", "fr"])
def test_the_arabic_and_french_pages_have_no_axe_violation(site, browser_in, meeting, language):
    page = browser_in(language, bypass_csp=True)
    for name, path in PAGES:
        page.goto(site.url + path.format(lang=language))
        assert_accessible(page, f"{name} ({language})")

    page.goto(site.url + f"/{language}/register/delegate/")
    page.locator("form.registration-form button[type=submit]").click()
    page.wait_for_load_state()
    assert page.locator(".invalid-feedback, .alert-danger").count() > 0
    assert_accessible(page, f"delegate form with errors ({language})")

    page.goto(site.url + private_link(meeting).replace("/en/", f"/{language}/"))
    assert_accessible(page, f"private link page ({language})")
