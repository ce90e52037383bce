"""What the room adds to registration's private-link pages (registered in apps.py;
see registration/extensions.py): where the delegation stands on the item under way."""

from django.template.loader import render_to_string

from intersessional import clock, dates
from registration.models import Delegate

from . import live, queries


def place_in_line(request, *, page, obj, token) -> str:
    if page == "delegate":
        if obj.status not in (Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED):
            return ""
        delegation, meeting = obj.delegation, obj.meeting
    else:
        delegation, meeting = obj, obj.meeting
    # No query on the days before the meeting, nor while no item is under way (the
    # cache says so): the private-link pages keep their few statements.
    today = dates.geneva(clock.now()).date()
    if not meeting.starts_on <= today <= meeting.ends_on:
        return ""
    meeting_id, _version, item_id = live.current()
    if meeting_id != meeting.pk or item_id is None:
        return ""
    found = queries.place_in_line(delegation)
    if found is None:
        return ""
    room, turn, place = found
    return render_to_string(
        "room/_place_panel.html",
        {"item": room.agenda_item, "turn": turn, "place": place},
        request=request,
    )
