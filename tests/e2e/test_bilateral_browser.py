"""The focal point opens the invitation's private link in Chromium and accepts."""

from datetime import datetime
from pathlib import Path

import pytest
from django.core import mail
from icalendar import Calendar
from playwright.sync_api import Page, expect

from floor import services as floor_services
from floor.models import BilateralInvitation
from programme.models import Committee
from reference.load import load_organisations, load_states
from reference.models import State
from registration import services
from tests.conftest import GENEVA, geneva
from tests.helpers import bilateral_slot, person

pytestmark = pytest.mark.django_db(transaction=True)


def test_focal_point_accepts_a_bilateral_invitation_through_its_link(
    page: Page, live_server, meeting, clock_at, settings, django_capture_on_commit_callbacks
):
    load_states()
    load_organisations()
    clock_at(geneva(2018, 5, 30, 12, 0))
    settings.SITE_URL = live_server.url
    identity = services.identity_for(meeting=meeting, state=State.objects.get(alpha3="MOZ"))
    delegation, _ = services.delegation_register(
        meeting=meeting,
        identity=identity,
        focal_point_name="Alda Mabote",
        focal_point_email="focal@mission.example",
        members=[{**person(1, role="head"), "public_list_consent": True}],
    )
    slot = bilateral_slot(
        meeting=meeting,
        committee=Committee.objects.get(slug="article-5"),
        starts_at=datetime(2018, 6, 6, 11, 0, tzinfo=GENEVA),
        ends_at=datetime(2018, 6, 6, 11, 30, tzinfo=GENEVA),
        room="Room 7",
    )
    mail.outbox.clear()
    with django_capture_on_commit_callbacks(execute=True):
        floor_services.bilateral_invite(slot=slot, delegation=delegation)
    link = next(w for w in mail.outbox[-1].body.split() if w.startswith(live_server.url))

    page.goto(link)
    expect(page.get_by_role("heading", level=1)).to_have_text(
        "Bilateral meeting: Committee on Article 5 Implementation"
    )
    expect(page.get_by_text("Wednesday 6 June 2018, 11:00–11:30")).to_be_visible()
    page.get_by_role("button", name="Accept the meeting").click()

    expect(page.get_by_role("alert")).to_have_text("Thank you: the meeting is confirmed.")
    expect(page.get_by_role("button", name="Accept the meeting")).to_have_count(0)
    assert BilateralInvitation.objects.get().status == BilateralInvitation.Status.ACCEPTED
    with page.expect_download() as info:
        page.get_by_role("link", name="Add the meeting to your calendar (.ics)").click()
    [event] = Calendar.from_ical(Path(info.value.path()).read_bytes()).walk("VEVENT")
    assert event["DTSTART"].dt == geneva(2018, 6, 6, 11, 0)
