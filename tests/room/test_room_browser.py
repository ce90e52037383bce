"""In Chromium, with two browsers: the chair gives the floor on the console and the
public page shows the new speaker within two seconds without a reload; with
JavaScript off it shows on its next refresh; the delegate's page counts the places;
a right of reply inserted on one console shows on the other."""

import time

import pytest
from playwright.sync_api import expect

from registration import links
from registration.models import Delegate
from tests.checkin.test_door_browser import signed_in

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _close_contexts(browser):
    # Closed before the test's database goes: their pages poll every second or so.
    yield
    for context in browser.contexts:
        context.close()


def console(browser, live_server, user):
    context = browser.new_context()
    signed_in(context, live_server, user)
    page = context.new_page()
    page.goto(f"{live_server.url}/staff/room/console/")
    return page


def test_the_public_pages_follow_the_chair(browser, live_server, meeting, lists, chair):
    icrc = Delegate.objects.get(delegation=lists["ICRC"])
    token = links.issue_token(icrc)
    icrc.save()
    chair_page = console(browser, live_server, chair)
    chair_page.get_by_label("Open an item").select_option(str(lists["item"].pk))
    chair_page.get_by_role("button", name="Open", exact=True).click()
    expect(chair_page.locator("#console-list")).to_contain_text("France")

    public = browser.new_context().new_page()
    public.goto(f"{live_server.url}/en/live/")
    expect(public.locator("#live-speaker")).to_have_text("Nobody has the floor.")
    no_script = browser.new_context(java_script_enabled=False).new_page()
    no_script.goto(f"{live_server.url}/fr/live/")
    expect(no_script.locator("#live-speaker")).to_have_text("Personne n'a la parole.")

    chair_page.keyboard.press("n")  # "Next speaker"
    chair_page.wait_for_load_state()
    expect(chair_page.locator("#console-speaker")).to_contain_text("France")
    given = time.monotonic()

    expect(public.locator("#live-speaker")).to_have_text("France", timeout=2000)
    print(f"\nlive page followed the console in {time.monotonic() - given:.2f} s")
    expect(public.locator("#live-next")).to_contain_text("United States of America")
    # Without JavaScript: the page refreshes itself (every ten seconds).
    expect(no_script.locator("#live-speaker")).to_have_text("France", timeout=12000)

    delegate_page = browser.new_context().new_page()
    delegate_page.goto(f"{live_server.url}/en/registration/{token}/")
    expect(delegate_page.locator(".room-place")).to_contain_text(
        "Your delegation is number 2 on the list after the current speaker."
    )


def test_a_reply_inserted_on_one_console_shows_on_the_other(
    browser, live_server, meeting, lists, chair
):
    first = console(browser, live_server, chair)
    first.get_by_label("Open an item").select_option(str(lists["item"].pk))
    first.get_by_role("button", name="Open", exact=True).click()
    second = console(browser, live_server, chair)
    expect(second.locator("#console-list")).to_contain_text("France")

    first.get_by_label("Delegation").select_option(str(lists["DEU"].pk))
    first.get_by_label("Right of reply").check()
    first.get_by_role("button", name="Insert").click()
    expect(first.locator("#console-list")).to_contain_text("Germany")

    last = second.locator("#console-list li").last
    expect(last).to_contain_text("Germany", timeout=3000)
    expect(last).to_contain_text("Right of reply")
