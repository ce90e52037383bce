"""The room's pages. Public: the live page (`/<language>/live/`), its state as JSON
for the pages' JavaScript, and the room screen. Staff: the chair's console, and the
interpreters' advance copies. Thin: the writes are in services.py."""

from django.contrib import messages
from django.contrib.auth.decorators import permission_required
from django.http import HttpResponse, HttpResponseNotModified, JsonResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST, require_safe

from floor.models import Statement
from intersessional import clock
from intersessional.staff import attachment, staff_context, staff_member_required, staff_page
from programme.models import AgendaItem
from programme.queries import current_meeting
from registration.models import Delegation

from . import live, queries, services, stamp
from .forms import ConsoleForm
from .models import Turn

CONSOLE = "room.use_console"
COPIES = "room.view_advance_copies"


# Public ----------------------------------------------------------------------------


def _live_state(request):
    meeting_id, version, _item = live.current()
    if meeting_id is None:
        current_meeting()  # the site's 404 when no meeting is set up
    language = translation.get_language()
    return live.state(meeting_id, language, version), live.etag(version, language)


def _minutes(seconds: int) -> str:
    return f"{seconds // 60}:{seconds % 60:02d}"


@require_safe
def live_page(request, screen: bool = False):
    """Who has the floor, how long, and the next five; refreshes itself without
    JavaScript, follows the room within about a second and a half with it."""
    state, tag = _live_state(request)
    template = "room/screen.html" if screen else "room/live.html"
    now_ms = int(clock.now().timestamp() * 1000)
    speaker = state["speaker"] or {}
    elapsed = max(0, now_ms - speaker["started_ms"]) // 1000 if speaker else 0
    context = {
        "state": state,
        "etag": tag,
        "now_ms": now_ms,
        "elapsed": _minutes(elapsed) if speaker else "",
        "limit": _minutes(speaker.get("seconds", 0)),
    }
    response = render(request, template, context)
    response["Cache-Control"] = "no-cache"
    return response


@require_safe
def live_state(request):
    """The live page's state as JSON; 304 when the poll's ETag is the room's version
    (no database query: the version is read from the cache)."""
    meeting_id, version, _item = live.current()
    if meeting_id is None:
        current_meeting()
    language = translation.get_language()
    tag = live.etag(version, language)
    if request.headers.get("If-None-Match") == tag:
        response = HttpResponseNotModified()
    else:
        response = JsonResponse(live.state(meeting_id, language, version))
    response["ETag"] = tag
    response["Cache-Control"] = "no-cache"
    return response


# The chair's console -----------------------------------------------------------------


def _console_context(request, meeting):
    room = queries.room_of(meeting.pk)
    item = room.agenda_item
    order = queries.turns(item) if item else []
    current = next((turn for turn in order if turn.pk == room.turn_id), None)
    return {
        "meeting": meeting,
        "room": room,
        "item": item,
        "turns": order,
        "current": current,
        "seconds": queries.speaking_seconds(item, current.delegation) if current else 0,
        "started_ms": int(current.started_at.timestamp() * 1000)
        if current and current.started_at
        else "",
        "now_ms": int(clock.now().timestamp() * 1000),
        "items": AgendaItem.objects.filter(session__meeting=meeting)
        .exclude(session__kind="bilateral")
        .select_related("session")
        .order_by("session__date", "session__start_time", "order", "number"),
        "delegations": Delegation.objects.filter(meeting=meeting)
        .select_related("state", "organisation")
        .order_by("state__un_name", "organisation__name"),
        "kinds": [Turn.Kind.REPLY, Turn.Kind.POINT_OF_ORDER],
    }


@staff_page(CONSOLE)
def console(request):
    meeting = current_meeting()
    context = staff_context(request, **_console_context(request, meeting))
    return render(request, "room/console.html", context)


@staff_page(CONSOLE)
def console_body(request):
    """The console's list alone, for its JavaScript: 204 while the room's version is the
    one the page shows (read from the cache), else the fragment."""
    meeting = current_meeting()
    meeting_id, version, _item = live.current()
    if meeting_id == meeting.pk and request.GET.get("v") == str(version):
        return HttpResponse(status=204)
    html = render_to_string(
        "room/_console_body.html", _console_context(request, meeting), request=request
    )
    return HttpResponse(html)


ACTIONS = {
    "next": lambda meeting, form, by, version: services.floor_next(
        meeting=meeting, by=by, version=version
    ),
    "give": lambda meeting, form, by, version: services.floor_give(
        meeting=meeting, turn_pk=form.cleaned_data["turn"], by=by, version=version
    ),
    "absent": lambda meeting, form, by, version: services.turn_absent(
        meeting=meeting, turn_pk=form.cleaned_data["turn"], by=by, version=version
    ),
    "strike": lambda meeting, form, by, version: services.turn_strike(
        meeting=meeting, turn_pk=form.cleaned_data["turn"], by=by, version=version
    ),
    "insert": lambda meeting, form, by, version: services.turn_insert(
        meeting=meeting,
        delegation=form.cleaned_data["delegation"],
        kind=form.cleaned_data["kind"],
        by=by,
        version=version,
    ),
    "open": lambda meeting, form, by, version: services.item_open(
        meeting=meeting, agenda_item=form.cleaned_data["item"], by=by, version=version
    ),
    "close": lambda meeting, form, by, version: services.item_close(
        meeting=meeting, by=by, version=version
    ),
}


@require_POST
@never_cache
@staff_member_required
@permission_required(CONSOLE, raise_exception=True)
def console_act(request):
    """One console action (a form per button; with JavaScript, keyboard shortcuts
    press the same buttons). Refused when the console showed an old version."""
    meeting = current_meeting()
    form = ConsoleForm(request.POST, meeting=meeting)
    if not form.is_valid():
        messages.error(request, _("That action could not be read: try again."))
        return redirect("staff:room-console")
    action = form.cleaned_data["action"]
    needs = {"give": "turn", "absent": "turn", "strike": "turn", "insert": "delegation"}
    needs["open"] = "item"
    if action in needs and not form.cleaned_data.get(needs[action]):
        messages.error(request, _("Choose whom or what this action is for."))
        return redirect("staff:room-console")
    try:
        ACTIONS[action](meeting, form, request.user, form.cleaned_data["version"])
    except services.ConsoleRefused as refusal:
        messages.error(request, refusal.message)
    return redirect("staff:room-console")


# Interpreters' advance copies --------------------------------------------------------


@staff_page(COPIES)
def advance_copies(request):
    meeting = current_meeting()
    session = queries.current_session(meeting.pk)
    context = {
        "meeting": meeting,
        "session": session,
        "items": queries.advance_copies(session) if session else [],
        "deadline": queries.deadline_of(session) if session else None,
    }
    return render(request, "room/advance_copies.html", staff_context(request, **context))


@staff_page(COPIES)
def advance_copy(request, pk: int):
    """One advance copy, stamped on every page when it is a PDF; only those of the
    session the interpreters see now. The download is recorded."""
    meeting = current_meeting()
    session = queries.current_session(meeting.pk)
    statement = get_object_or_404(
        Statement.objects.select_related("delegation__state", "agenda_item"),
        pk=pk,
        agenda_item__session=session,
    )
    services.advance_copy_download(statement=statement, by=request.user)
    with statement.file.open("rb") as f:
        content = f.read()
    if statement.file_type == Statement.FileType.PDF:
        content = stamp.stamp_pdf(content)
    return attachment(
        content,
        content_type=stamp.CONTENT_TYPES[statement.file_type],
        filename=stamp.advance_copy_name(statement),
    )
