import pytest
from playwright.sync_api import Page, expect

from tests.conftest import geneva

pytestmark = pytest.mark.django_db(transaction=True)


def test_delegate_reads_the_home_page_in_chromium(page: Page, live_server, meeting, clock_at):
    clock_at(geneva(2018, 5, 30, 12, 0))
    console_errors = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))

    page.goto(live_server.url)

    expect(page.get_by_role("heading", level=1)).to_have_text("2018 Intersessional Meetings")
    expect(page.get_by_text("1 day, 11 hours left to register.")).to_be_visible()
    banner = page.get_by_role("complementary", name="Demonstration.")
    expect(banner).to_contain_text("The site's clock is set to")
    expect(banner).to_contain_text("fictional, with an address at example.org")
    # The first Tab reaches the skip link, which takes the keyboard past the menu.
    page.keyboard.press("Tab")
    expect(page.get_by_role("link", name="Skip to main content")).to_be_focused()
    # Bootstrap's CSS and JS load under the strict CSP: no violation in the console.
    assert (
        page.evaluate("getComputedStyle(document.querySelector('.site-header')).backgroundColor")
        == "rgb(0, 63, 114)"
    )
    assert console_errors == []


def test_menu_opens_on_a_phone(page: Page, live_server, meeting):
    page.set_viewport_size({"width": 375, "height": 740})
    page.goto(live_server.url)

    menu_link = page.get_by_role("link", name="The meetings")
    expect(menu_link).to_be_hidden()
    page.get_by_role("button", name="Show the menu").click()
    expect(menu_link).to_be_visible()
