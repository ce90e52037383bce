"""iCalendar (RFC 5545) files for the programme, and for any app that needs one event.

Times go out with TZID=Europe/Zurich and the matching VTIMEZONE, so a calendar
shows 10:00 in Geneva whatever the reader's own zone. The icalendar library
escapes the text (commas, semicolons, new lines) and folds long lines.

Other apps (registration, for a confirmed bilateral meeting or an e-mail
attachment) call `event_calendar()`; it knows nothing about their models.
"""

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import UTC, date, datetime

from django.utils import timezone
from django.utils.translation import gettext as _
from icalendar import Calendar, Event

from intersessional import clock
from intersessional.clock import GENEVA

PRODID = "-//APMBC Implementation Support Unit//Intersessional meetings//EN"
UID_DOMAIN = "apminebanconvention.org"
CONTENT_TYPE = "text/calendar; charset=utf-8"


@dataclass(frozen=True)
class CalendarEvent:
    uid: str
    summary: str
    starts_at: datetime
    ends_at: datetime
    location: str = ""
    description: str = ""
    url: str = ""


def uid_for(kind: str, pk: int, *, meeting_slug: str) -> str:
    """A UID that stays the same for the same row, so a calendar updates the event
    it has instead of adding a copy.

    uid_for("session", 12, meeting_slug="2018-intersessional")
    == "session-12@2018-intersessional.apminebanconvention.org"
    """
    return f"{kind}-{pk}@{meeting_slug}.{UID_DOMAIN}"


def calendar_bytes(events: Iterable[CalendarEvent], *, name: str = "") -> bytes:
    """One VCALENDAR with the events, their times on the Geneva wall clock."""
    events = list(events)
    calendar = Calendar.new(prodid=PRODID, method="PUBLISH", name=name or None)
    # The library gives the calendar itself a random UID; the events' UIDs are what
    # a calendar application matches, and the file should not change between requests.
    calendar.pop("UID", None)
    stamp = clock.now().astimezone(UTC)
    for item in events:
        event = Event.new(
            uid=item.uid,
            stamp=stamp,
            start=timezone.localtime(item.starts_at, GENEVA),
            end=timezone.localtime(item.ends_at, GENEVA),
            summary=item.summary,
            location=item.location or None,
            description=item.description or None,
            url=item.url or None,
        )
        calendar.add_component(event)
    if events:
        # The zone's rules for the years of these events (summer and winter time),
        # not the library's default of 68 years of them.
        first = date(min(e.starts_at for e in events).year, 1, 1)
        last = date(max(e.ends_at for e in events).year + 1, 1, 1)
        calendar.add_missing_timezones(first_date=first, last_date=last)
    return calendar.to_ical()


def event_calendar(
    *,
    uid: str,
    summary: str,
    starts_at: datetime,
    ends_at: datetime,
    location: str = "",
    description: str = "",
    url: str = "",
) -> bytes:
    """A whole .ics file holding one event (for a download or an e-mail attachment).

    starts_at and ends_at must be aware; they are written on the Geneva wall clock."""
    return calendar_bytes(
        [
            CalendarEvent(
                uid=uid,
                summary=summary,
                starts_at=starts_at,
                ends_at=ends_at,
                location=location,
                description=description,
                url=url,
            )
        ]
    )


def session_event(session, *, url: str = "") -> CalendarEvent:
    """The calendar event of a session; its items (prefetched) make the description."""
    meeting = session.meeting
    lines = []
    for item in session.items.all():
        lines.append(f"{item.number}. {item.title}")
        if item.committee_id:
            lines.append("   " + _("Led by the %(committee)s") % {"committee": item.committee.name})
    if session.is_bilateral:
        lines.append(_("By invitation only."))
    return CalendarEvent(
        uid=uid_for("session", session.pk, meeting_slug=meeting.slug),
        summary=f"{meeting.title}: {session.title}",
        starts_at=session.starts_at,
        ends_at=session.ends_at,
        location=", ".join(filter(None, [session.room, meeting.venue_name, meeting.venue_address])),
        description="\n".join(lines),
        url=url,
    )
