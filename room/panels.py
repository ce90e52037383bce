"""What the room adds to registration's private-link pages (registered in apps.py;
see registration/extensions.py): where the delegation stands on the item under way."""

from django.template.loader import render_to_string

from registration.models import Delegate

from . import queries


def place_in_line(request, *, page, obj, token) -> str:
    if page == "delegate":
        if obj.status not in (Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED):
            return ""
        delegation = obj.delegation
    else:
        delegation = obj
    found = queries.place_in_line(delegation)
    if found is None:
        return ""
    room, turn, place = found
    return render_to_string(
        "room/_place_panel.html",
        {"item": room.agenda_item, "turn": turn, "place": place},
        request=request,
    )
