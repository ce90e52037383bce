from datetime import UTC, date, time

import pytest
from django.urls import reverse
from icalendar import Calendar

from programme.calendar import event_calendar
from programme.models import Session
from tests.conftest import geneva

pytestmark = pytest.mark.django_db


def parse(response) -> Calendar:
    assert response["Content-Type"] == "text/calendar; charset=utf-8"
    return Calendar.from_ical(response.content)


def test_meeting_calendar_has_every_session_at_its_geneva_time(client, meeting, clock_at):
    clock_at(geneva(2018, 5, 30, 12, 0))

    response = client.get(reverse("programme:meeting-calendar"))

    assert response["Content-Disposition"] == 'attachment; filename="2018-intersessional.ics"'
    calendar = parse(response)
    assert calendar["VERSION"] == "2.0"
    assert calendar["PRODID"]
    events = calendar.walk("VEVENT")
    assert len(events) == 6
    starts = [(e["DTSTART"].dt, e["DTEND"].dt) for e in events]
    assert starts == [
        (geneva(2018, 6, 6, 10), geneva(2018, 6, 6, 13)),
        (geneva(2018, 6, 6, 15), geneva(2018, 6, 6, 18)),
        (geneva(2018, 6, 7, 10), geneva(2018, 6, 7, 13)),
        (geneva(2018, 6, 7, 15), geneva(2018, 6, 7, 18)),
        (geneva(2018, 6, 8, 10), geneva(2018, 6, 8, 13)),
        (geneva(2018, 6, 8, 15), geneva(2018, 6, 8, 18)),
    ]
    # The zone as entered: the Geneva wall clock with its TZID, and its VTIMEZONE.
    for event in events:
        assert event["DTSTART"].params["TZID"] == "Europe/Zurich"
        assert event["DTSTART"].dt.hour in (10, 15)
        assert event["DTSTAMP"].dt == geneva(2018, 5, 30, 12, 0).astimezone(UTC)
    assert [tz["TZID"] for tz in calendar.walk("VTIMEZONE")] == ["Europe/Zurich"]
    opening = events[2]
    assert opening["SUMMARY"] == "2018 Intersessional Meetings: Opening and victim assistance"
    assert opening["LOCATION"] == (
        "Main conference room, World Meteorological Organization Building, "
        "Avenue de la Paix 7bis, Geneva"
    )
    assert (
        "2. Victim assistance\n   Led by the Committee on Victim Assistance"
        in (opening["DESCRIPTION"])
    )
    assert opening["URL"] == "http://testserver/en/programme/"
    assert "By invitation only." in events[0]["DESCRIPTION"]


def test_calendar_uids_are_stable_across_requests(client, meeting, clock_at):
    clock_at(geneva(2018, 5, 30, 12, 0))

    first = client.get(reverse("programme:meeting-calendar"))
    second = client.get(reverse("programme:meeting-calendar"))

    uids = [str(e["UID"]) for e in parse(first).walk("VEVENT")]
    assert uids == [str(e["UID"]) for e in parse(second).walk("VEVENT")]
    assert uids == [
        f"session-{pk}@2018-intersessional.apminebanconvention.org"
        for pk in Session.objects.values_list("pk", flat=True)
    ]
    # With the clock still, the whole file is the same: nothing random in it.
    assert first.content == second.content


def test_session_calendar_has_that_session_only(client, meeting):
    session = Session.objects.get(date=date(2018, 6, 8), start_time=time(10))

    response = client.get(reverse("programme:session-calendar", args=[session.pk]))

    assert response["Content-Disposition"] == (
        f'attachment; filename="2018-intersessional-session-{session.pk}.ics"'
    )
    (event,) = parse(response).walk("VEVENT")
    assert str(event["UID"]) == f"session-{session.pk}@2018-intersessional.apminebanconvention.org"
    assert event["SUMMARY"] == "2018 Intersessional Meetings: Thematic discussion"
    assert event["DTSTART"].dt == geneva(2018, 6, 8, 10)
    assert event["DTEND"].dt == geneva(2018, 6, 8, 13)
    assert event["DESCRIPTION"] == "6. Thematic discussion on the implementation of Article 5"
    assert event["URL"] == f"http://testserver/en/programme/#session-{session.pk}"


def test_session_calendar_for_an_unknown_session_is_not_found(client, meeting):
    response = client.get(reverse("programme:session-calendar", args=[999999]))

    assert response.status_code == 404
    assert b"BEGIN:VCALENDAR" not in response.content
    assert "Page not found" in response.content.decode()


def test_session_calendar_follows_a_staff_edit(client, meeting):
    session = Session.objects.get(date=date(2018, 6, 7), start_time=time(15))
    session.start_time = time(14, 45)
    session.room = 'Salle 1; "annexe", 2nd floor'
    session.save()

    (event,) = parse(client.get(reverse("programme:session-calendar", args=[session.pk]))).walk(
        "VEVENT"
    )

    assert event["DTSTART"].dt == geneva(2018, 6, 7, 14, 45)
    assert event["LOCATION"].startswith('Salle 1; "annexe", 2nd floor, World Meteorological')


def test_event_calendar_escapes_text_and_keeps_it_exactly(settings):
    settings.INTERSESSIONAL_NOW = geneva(2018, 6, 1, 9, 0)
    awkward = 'Bilateral; "President", Committee\\Room\nsecond line, é ü 中文 🙂'

    content = event_calendar(
        uid="bilateral-7@2018-intersessional.apminebanconvention.org",
        summary=awkward,
        starts_at=geneva(2018, 6, 6, 9, 30),
        ends_at=geneva(2018, 6, 6, 10),
        location="Room B; 7bis, Avenue de la Paix",
        description=awkward,
    )

    # RFC 5545 escapes: backslash, semicolon, comma and new line in TEXT values.
    assert b'Bilateral\\; "President"\\, Committee\\\\Room\\nsecond line' in content
    assert all(len(line) <= 75 for line in content.split(b"\r\n"))
    (event,) = Calendar.from_ical(content).walk("VEVENT")
    assert event["SUMMARY"] == awkward
    assert event["DESCRIPTION"] == awkward
    assert event["LOCATION"] == "Room B; 7bis, Avenue de la Paix"
    assert event["DTSTART"].dt == geneva(2018, 6, 6, 9, 30)
    assert event["DTSTART"].params["TZID"] == "Europe/Zurich"


def test_event_calendar_writes_a_utc_moment_on_the_geneva_clock():
    content = event_calendar(
        uid="x@example.org",
        summary="Meeting",
        starts_at=geneva(2018, 6, 6, 8, 0).astimezone(UTC),
        ends_at=geneva(2018, 6, 6, 9, 0).astimezone(UTC),
    )

    assert b"DTSTART;TZID=Europe/Zurich:20180606T080000" in content
