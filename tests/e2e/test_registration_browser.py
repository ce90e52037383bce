"""Registration in Chromium with the keyboard only: Tab to move, typing to fill,
Space to choose, Enter to send."""

import pytest
from playwright.sync_api import Page, expect

from reference.load import load_organisations, load_states
from registration.models import Delegate, Delegation
from tests.conftest import geneva

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def site(live_server, meeting, clock_at):
    load_states()
    load_organisations()
    clock_at(geneva(2018, 5, 30, 12, 0))
    return live_server


def tab_to(page: Page, locator, limit=250):
    """Press Tab until the locator's element has the focus, as a keyboard user would."""
    handle = locator.element_handle()
    for _ in range(limit):
        if page.evaluate("(el) => document.activeElement === el", handle):
            return
        page.keyboard.press("Tab")
    raise AssertionError(f"Tab never reached {locator}")


def type_into(page: Page, locator, text: str):
    tab_to(page, locator)
    page.keyboard.type(text)


def choose(page: Page, locator):
    tab_to(page, locator)
    page.keyboard.press("Space")


def test_one_delegate_registers_with_the_keyboard_only(page: Page, site):
    page.goto(site.url)
    tab_to(page, page.get_by_role("link", name="Register now"))
    page.keyboard.press("Enter")
    tab_to(page, page.get_by_role("link", name="Register yourself"))
    page.keyboard.press("Enter")

    choose(page, page.get_by_label("A State"))
    expect(page.get_by_label("Organisation", exact=True)).to_be_hidden()
    tab_to(page, page.get_by_label("State", exact=True))
    page.keyboard.type("Viet Nam")
    type_into(page, page.get_by_label("Title"), "Ms")
    type_into(page, page.get_by_label("Given name"), "Thị Lan")
    type_into(page, page.get_by_label("Family name"), "Nguyễn")
    type_into(page, page.get_by_label("Function"), "First Secretary")
    type_into(page, page.get_by_label("E-mail"), "lan@mission.example")
    choose(page, page.get_by_label("Woman"))
    tab_to(page, page.get_by_label("Age group"))
    page.keyboard.type("35")
    choose(page, page.get_by_label("Appear in the public list of participants"))
    tab_to(page, page.get_by_role("button", name="Register"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you: your registration is received"
    )
    delegate = Delegate.objects.get()
    assert (delegate.given_name, delegate.family_name) == ("Thị Lan", "Nguyễn")
    assert delegate.delegation.name == "Viet Nam"
    assert delegate.delegation.get_category_display() == "State not party"
    assert delegate.age_band == "35_44" and delegate.public_list_consent


def test_focal_point_registers_a_delegation_of_three_then_corrects_a_name(page: Page, site):
    page.goto(site.url + "/en/register/delegation/")
    choose(page, page.get_by_label("A State"))
    tab_to(page, page.get_by_label("State", exact=True))
    page.keyboard.type("Mozambique")
    type_into(page, page.get_by_label("Your name"), "Jean Dupont")
    type_into(page, page.get_by_label("Your e-mail"), "focal@mission.example")

    members = [
        ("Alda", "Mabote", "head", "alda@mission.example"),
        ("Carlos", "Muianga", "delegate", "carlos@mission.example"),
        ("Graça", "Tembe", "adviser", "graca@mission.example"),
    ]
    rows = page.locator("[data-member]:visible")
    # Two spare rows come with the page; the keyboard removes one and adds one.
    tab_to(page, rows.nth(2).get_by_role("button", name="Remove this member"))
    page.keyboard.press("Enter")
    expect(rows).to_have_count(2)
    tab_to(page, page.get_by_role("button", name="Add a member"))
    page.keyboard.press("Enter")
    expect(rows).to_have_count(3)
    for i, (given, family, role, email) in enumerate(members):
        row = rows.nth(i)
        type_into(page, row.get_by_label("Given name"), given)
        type_into(page, row.get_by_label("Family name"), family)
        tab_to(page, row.get_by_label("Role in the delegation"))
        page.keyboard.type({"head": "Head", "delegate": "Delegate", "adviser": "Adv"}[role])
        type_into(page, row.get_by_label("E-mail"), email)
        # In a radio group Tab reaches the first choice; the arrows move between them.
        choose(page, row.get_by_label("Woman"))
        for _ in range(3):
            page.keyboard.press("ArrowDown")
        expect(row.get_by_label("Prefer not to say")).to_be_checked()
        tab_to(page, row.get_by_label("Age group"))
        page.keyboard.type("Prefer")
    tab_to(page, page.get_by_role("button", name="Register the delegation"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Thank you: your registration is received"
    )
    delegation = Delegation.objects.get()
    assert sorted(delegation.delegates.values_list("given_name", "role")) == [
        ("Alda", "head"),
        ("Carlos", "delegate"),
        ("Graça", "adviser"),
    ]

    tab_to(page, page.get_by_role("link", name="open your registration"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Delegation of Mozambique")
    tab_to(page, page.get_by_role("link", name="Change or withdraw Carlos Muianga"))
    page.keyboard.press("Enter")
    given_name = page.get_by_label("Given name")
    tab_to(page, given_name)
    page.keyboard.press("Control+A")
    page.keyboard.type("Carlos Alberto")
    tab_to(page, page.get_by_role("button", name="Save the changes"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("alert")).to_have_text("Carlos Alberto Muianga is updated.")
    expect(page.get_by_role("cell", name="Carlos Alberto Muianga", exact=True)).to_be_visible()
    assert delegation.delegates.filter(given_name="Carlos Alberto").exists()


def test_delegate_corrects_their_registration_through_the_private_link(page: Page, site, meeting):
    from reference.models import State
    from registration import services

    identity = services.identity_for(meeting=meeting, state=State.objects.get(alpha3="FRA"))
    data = {
        "title": "Ms",
        "given_name": "Amina",
        "family_name": "Diallo",
        "function": "Counsellor",
        "role": "delegate",
        "email": "amina@mission.example",
        "gender": "woman",
        "age_band": "35_44",
        "public_list_consent": True,
    }
    delegate, token = services.delegate_register(meeting=meeting, identity=identity, data=data)

    page.goto(f"{site.url}/registration/{token}/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your registration")
    tab_to(page, page.get_by_role("link", name="Correct your registration"))
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_have_text("Correct your registration")
    tab_to(page, page.get_by_label("Given name"))
    page.keyboard.press("Control+A")
    page.keyboard.type("Aminata")
    tab_to(page, page.get_by_role("button", name="Save the changes"))
    page.keyboard.press("Enter")

    expect(page.get_by_role("alert")).to_have_text("Your registration is updated.")
    expect(page.get_by_role("heading", level=1)).to_have_text("Your registration")
    delegate.refresh_from_db()
    assert delegate.given_name == "Aminata"
