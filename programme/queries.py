"""Reads of the programme that several places need."""

from django.db.models import Prefetch
from django.http import Http404
from django.utils.translation import gettext as _

from intersessional.memo import per_process_minute
from reference.models import Obligation

from .models import AgendaItem, Meeting, Session


@per_process_minute
def _current() -> Meeting | None:
    return Meeting.objects.current()


@per_process_minute
def meeting_by_pk(pk: int) -> Meeting | None:
    """A meeting by its id, read once a minute per process (intersessional/memo.py)."""
    return Meeting.objects.filter(pk=pk).first()


def current_meeting() -> Meeting:
    """The meeting the public site is about, read once a minute per process
    (intersessional/memo.py): every public page asks for it."""
    meeting = _current()
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


def invited_to_update(meeting: Meeting) -> dict[str, list[Obligation]]:
    """The confirmed obligations of the States that are parties on the meeting's first
    day, by kind, in the order of the States' names: the States Parties that the items
    tagged with that kind invite to present updates. One query."""
    invited: dict[str, list[Obligation]] = {}
    for obligation in (
        Obligation.objects.confirmed().select_related("state").order_by("state__un_name")
    ):
        if obligation.state.is_party_on(meeting.starts_on):
            invited.setdefault(obligation.kind, []).append(obligation)
    return invited
