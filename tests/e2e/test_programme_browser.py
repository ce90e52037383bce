from pathlib import Path

import pytest
from icalendar import Calendar
from playwright.sync_api import Page, expect

from tests.conftest import geneva

pytestmark = pytest.mark.django_db(transaction=True)


def test_delegate_reads_the_programme_and_downloads_the_meeting_calendar(
    page: Page, live_server, meeting, clock_at
):
    clock_at(geneva(2018, 5, 30, 12, 0))
    console_errors = []
    page.on("console", lambda msg: msg.type == "error" and console_errors.append(msg.text))

    page.goto(live_server.url)
    page.get_by_role("link", name="Programme", exact=True).click()

    expect(page.get_by_role("heading", level=1)).to_have_text("Programme")
    expect(page.get_by_role("heading", name="Thursday 7 June 2018")).to_be_visible()
    opening = page.get_by_role("article", name="Opening and victim assistance")
    expect(opening).to_contain_text("10:00–13:00")
    expect(opening).to_contain_text("Room: Main conference room")
    expect(opening).to_contain_text("Led by the Committee on Victim Assistance")

    with page.expect_download() as info:
        page.get_by_role("link", name="Add the whole meeting to your calendar (.ics)").click()
    download = info.value

    assert download.suggested_filename == "2018-intersessional.ics"
    calendar = Calendar.from_ical(Path(download.path()).read_bytes())
    events = calendar.walk("VEVENT")
    assert len(events) == 6
    assert events[2]["SUMMARY"] == "2018 Intersessional Meetings: Opening and victim assistance"
    assert events[2]["DTSTART"].dt == geneva(2018, 6, 7, 10, 0)
    assert events[2]["DTSTART"].params["TZID"] == "Europe/Zurich"
    assert console_errors == []


def test_programme_fits_a_phone_screen(page: Page, live_server, meeting):
    page.set_viewport_size({"width": 375, "height": 740})

    page.goto(f"{live_server.url}/programme/")

    expect(page.get_by_role("heading", name="Friday 8 June 2018")).to_be_visible()
    # Nothing wider than the screen: no sideways scrolling to read a session.
    assert page.evaluate("document.documentElement.scrollWidth") <= 375


def test_programme_prints_without_the_menu_or_calendar_links(page: Page, live_server, meeting):
    page.goto(f"{live_server.url}/programme/")
    page.emulate_media(media="print")

    expect(page.get_by_role("heading", name="Thursday 7 June 2018")).to_be_visible()
    expect(page.locator(".site-header")).to_be_hidden()
    expect(
        page.get_by_role("link", name="Add the whole meeting to your calendar (.ics)")
    ).to_be_hidden()
    expect(page.locator(".calendar-link").first).to_be_hidden()
