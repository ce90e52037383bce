"""Reads of the programme that several places need."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from .models import AgendaItem, Meeting, Session


def current_meeting() -> Meeting:
    meeting = Meeting.objects.current()
    if meeting is None:
        raise Http404(_("No meeting has been set up yet."))
    return meeting


def sessions_with_items(meeting: Meeting):
    """The meeting's sessions in order, each with its items and their Committees:
    three queries in all (with the meeting's), whatever the size of the programme."""
    items = AgendaItem.objects.select_related("committee").order_by("order", "number")
    return (
        Session.objects.filter(meeting=meeting)
        .select_related("meeting")
        .prefetch_related(Prefetch("items", queryset=items))
    )
