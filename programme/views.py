from itertools import groupby

from django.http import HttpResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.utils.functional import cached_property
from django.views.decorators.http import require_safe

from intersessional import clock, pagecache

from .calendar import CONTENT_TYPE, calendar_bytes, session_event
from .models import Committee
from .queries import current_meeting, invited_to_update, sessions_with_items


@require_safe
@pagecache.per_minute
def home(request):
    meeting = current_meeting()
    now = clock.now()
    return render(
        request,
        "programme/home.html",
        {
            "meeting": meeting,
            "now": now,
            "registration_open": meeting.registration_is_open(now),
            # Lazy: read only when the cached fragment is rendered anew.
            "committees": Committee.objects.all(),
        },
    )


class ProgrammeDays:
    """The programme grouped by day, read from the database only when first used: a
    cached fragment that is still fresh skips the queries."""

    def __init__(self, meeting):
        self.meeting = meeting

    @cached_property
    def sessions(self):
        sessions = list(sessions_with_items(self.meeting))
        invited = invited_to_update(self.meeting)
        for session in sessions:
            for item in session.items.all():
                item.invited = invited.get(item.obligation_kind, [])
        return sessions

    @cached_property
    def days(self):
        return [(day, list(day_sessions)) for day, day_sessions in groupby(self.sessions, _date)]

    @cached_property
    def offset(self):
        return utc_offset(self.sessions[0].starts_at) if self.sessions else ""


def _date(session):
    return session.date


@require_safe
@pagecache.per_minute
def programme(request):
    meeting = current_meeting()
    return render(
        request,
        "programme/programme.html",
        {"meeting": meeting, "programme": ProgrammeDays(meeting)},
    )


@require_safe
def meeting_calendar(request):
    meeting = current_meeting()
    url = request.build_absolute_uri(reverse("programme:programme"))
    events = [session_event(s, url=url) for s in sessions_with_items(meeting)]
    return ics_response(calendar_bytes(events, name=meeting.title), filename=f"{meeting.slug}.ics")


@require_safe
def session_calendar(request, pk):
    session = get_object_or_404(sessions_with_items(current_meeting()), pk=pk)
    url = request.build_absolute_uri(reverse("programme:programme")) + f"#session-{session.pk}"
    return ics_response(
        calendar_bytes([session_event(session, url=url)], name=session.meeting.title),
        filename=f"{session.meeting.slug}-session-{session.pk}.ics",
    )


def ics_response(content: bytes, *, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


def utc_offset(moment) -> str:
    """'UTC+2' for a summer moment in Geneva: said once, above the times."""
    minutes = int(moment.utcoffset().total_seconds() // 60)
    hours, rest = divmod(abs(minutes), 60)
    sign = "+" if minutes >= 0 else "−"
    return f"UTC{sign}{hours}" + (f":{rest:02d}" if rest else "")
