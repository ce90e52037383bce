"""Reads of the figures app that are not counts: which States are missing."""

from django.db.models import Exists, OuterRef

from intersessional.documents import alphabetical
from programme.models import Meeting
from reference.models import State
from registration.models import Delegate


def states_without_delegates(meeting: Meeting) -> tuple[list[State], list[State]]:
    """(States Parties, States not party) with no active delegate at the meeting, by UN
    name; a State is a party when the Convention is in force for it on the first day."""
    registered = Delegate.objects.active().filter(meeting=meeting, delegation__state=OuterRef("pk"))
    missing = sorted(
        State.objects.filter(~Exists(registered)), key=lambda s: alphabetical(s.un_name)
    )
    parties = [s for s in missing if s.is_party_on(meeting.starts_on)]
    return parties, [s for s in missing if not s.is_party_on(meeting.starts_on)]
