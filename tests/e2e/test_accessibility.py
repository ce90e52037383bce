"""axe-core in Chromium on every public page: any violation fails, and is printed
with its rule, its elements and how to fix it.

axe is injected from tests/e2e/vendor/axe.min.js. The site's CSP forbids scripts
that are not its own, so this module's browser contexts bypass CSP: the check is
about the page, not the policy (tests/intersessional/test_security_headers.py
checks the policy)."""

from pathlib import Path

import pytest
from playwright.sync_api import Page, expect

from reference.load import load_organisations, load_states
from reference.models import State
from registration import services
from registration.models import Delegate
from tests.conftest import geneva
from tests.helpers import photo_bytes

pytestmark = pytest.mark.django_db(transaction=True)

# The public pages, shared with test_html_validity.py.
BEFORE_DEADLINE = geneva(2018, 5, 30, 12, 0)
AFTER_DEADLINE = geneva(2018, 6, 1, 9, 0)


def prepare(meeting, clock_at):
    load_states()
    load_organisations()
    clock_at(BEFORE_DEADLINE)


def private_link(meeting) -> str:
    state = State.objects.get(alpha3="CHE")
    _delegate, token = services.delegate_register(
        meeting=meeting,
        identity=services.identity_for(meeting=meeting, state=state),
        data={
            "title": "Dr",
            "given_name": "Ada",
            "family_name": "Checker",
            "function": "Counsellor",
            "role": Delegate.Role.DELEGATE,
            "email": "ada.checker@mission.example",
            "gender": Delegate.Gender.UNDISCLOSED,
            "age_band": Delegate.AgeBand.UNDISCLOSED,
        },
    )
    return f"/en/registration/{token}/"


def updates_invitation_link(meeting) -> str:
    """The page of the e-mail that invites a delegation to present its updates (Cambodia's
    obligations confirmed, its head registered), as the site's path."""
    from django.conf import settings

    from outbox.models import Notification
    from reference.load import load_obligations
    from tests.helpers import confirm_obligations, register

    load_obligations()
    confirm_obligations("KHM")
    register(meeting, state="KHM", n=1, role="head")
    body = Notification.objects.get(kind="updates_invitation").body_text
    [link] = [line for line in body.splitlines() if line.startswith(settings.SITE_URL)]
    return link.removeprefix(settings.SITE_URL)


# (name, path); the form with errors and the closed page are made by each test.
STATIC_PAGES = [
    ("home", "/en/"),
    ("programme", "/en/programme/"),
    ("register start", "/en/register/"),
    ("delegate form", "/en/register/delegate/"),
    ("delegation form", "/en/register/delegation/"),
    ("lost link", "/en/register/lost-link/"),
    ("live page", "/en/live/"),
    ("room screen", "/en/live/screen/"),
]

AXE = Path(__file__).parent / "vendor" / "axe.min.js"
# WCAG 2.2 A and AA, and axe's best practices.
TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa", "best-practice"]


@pytest.fixture(scope="session")
def browser_context_args(browser_context_args):
    return {**browser_context_args, "bypass_csp": True}


@pytest.fixture
def site(live_server, meeting, clock_at):
    prepare(meeting, clock_at)
    return live_server


def axe_violations(page: Page) -> list[dict]:
    page.add_script_tag(path=str(AXE))
    return page.evaluate(
        "async (tags) => (await axe.run(document, {runOnly: {type: 'tag', values: tags}}))"
        ".violations.map(v => ({id: v.id, impact: v.impact, help: v.help, helpUrl: v.helpUrl,"
        " nodes: v.nodes.map(n => ({target: n.target.join(' '), html: n.html,"
        " fix: n.failureSummary}))}))",
        TAGS,
    )


def report(name: str, violations: list[dict]) -> str:
    lines = [f"{len(violations)} axe violation(s) on {name}:"]
    for v in violations:
        lines.append(f"- {v['id']} ({v['impact']}): {v['help']} <{v['helpUrl']}>")
        for node in v["nodes"]:
            lines.append(f"    {node['target']}: {node['html'][:160]}")
            lines.append("      " + (node["fix"] or "").replace("\n", "\n      "))
    return "\n".join(lines)


def assert_accessible(page: Page, name: str):
    violations = axe_violations(page)
    if violations:
        print(report(name, violations))
    assert violations == [], report(name, violations)


@pytest.mark.parametrize(("name", "path"), STATIC_PAGES, ids=[n for n, _ in STATIC_PAGES])
def test_public_page_has_no_axe_violation(page: Page, site, name, path):
    page.goto(site.url + path)

    assert_accessible(page, name)


def test_delegate_form_with_errors_has_no_axe_violation(page: Page, site):
    page.goto(site.url + "/en/register/delegate/")
    page.get_by_role("button", name="Register", exact=True).click()
    page.wait_for_load_state()

    assert page.locator(".invalid-feedback, .alert-danger").count() > 0
    assert_accessible(page, "delegate form with errors")


def test_private_link_page_has_no_axe_violation(page: Page, site, meeting):
    page.goto(site.url + private_link(meeting))

    assert_accessible(page, "private link page")


def test_photo_page_with_its_crop_frame_has_no_axe_violation(page: Page, site, meeting, tmp_path):
    page.goto(site.url + private_link(meeting) + "photo/")
    photo = tmp_path / "photo.png"
    photo.write_bytes(photo_bytes(700, 900, "PNG"))
    page.locator("#id_image").set_input_files(photo)
    expect(page.locator("#photo-crop")).to_be_visible()

    assert_accessible(page, "photo page")


def test_invitation_to_present_updates_has_no_axe_violation(page: Page, site, meeting):
    page.goto(site.url + updates_invitation_link(meeting))

    assert page.get_by_role("heading", level=1).inner_text() == "Invitation to present updates"
    assert_accessible(page, "invitation to present updates")


def test_closed_page_has_no_axe_violation(page: Page, site, clock_at):
    clock_at(AFTER_DEADLINE)
    page.goto(site.url + "/en/register/")

    assert page.get_by_role("heading", level=1).inner_text() == "Registration is closed"
    assert_accessible(page, "closed page")


def test_too_many_attempts_page_has_no_axe_violation(page: Page, site, settings):
    from django.core.cache import cache

    cache.clear()
    settings.RATELIMIT_POSTS = 1
    page.goto(site.url + "/en/register/lost-link/")
    for _ in range(2):
        page.get_by_label("The e-mail address you registered with").fill("a@mission.example")
        page.get_by_role("button").last.click()
        page.wait_for_load_state()

    assert page.get_by_role("heading", level=1).inner_text() == "Too many attempts"
    assert_accessible(page, "429 page")
    cache.clear()
