"""Reads of the floor app that several places need: the updates a State is invited to
present, and the statements of an agenda item."""

from dataclasses import dataclass

from intersessional.documents import alphabetical
from programme.models import AgendaItem
from reference.models import Obligation, confirmed_obligations_by_state
from registration.models import Delegation, InterventionRequest

from .models import Statement


@dataclass(frozen=True)
class InvitedUpdate:
    """An update the programme invites from a delegation's State: the obligation, the
    items that call it, and whether the delegation is on their speakers' lists."""

    obligation: Obligation
    items: list[AgendaItem]
    on_list: bool


def invited_updates(delegation: Delegation, meeting, *, fresh: bool = False) -> list[InvitedUpdate]:
    """The updates the programme invites from the delegation's State: its confirmed
    obligations (a State Party on the meeting's first day) with the items tagged with
    them. A page shows what its process keeps of the obligations for a minute
    (intersessional/memo.py): no query for an organisation, a State not party or a State
    with no confirmed obligation, two otherwise. A write reads them `fresh` from the
    database, one statement more: the registration's hook must see a confirmation
    committed in another process a moment ago (services._lock_states)."""
    if not delegation.state_id:
        return []
    if not delegation.state.is_party_on(meeting.starts_on):
        return []
    # Sorted by kind below (one obligation of each kind per State).
    if fresh:
        obligations = list(
            Obligation.objects.confirmed().filter(state_id=delegation.state_id).order_by()
        )
    else:
        obligations = confirmed_obligations_by_state().get(delegation.state_id, ())
    if not obligations:
        return []
    items = list(
        AgendaItem.objects.filter(
            session__meeting=meeting,
            obligation_kind__in=[o.kind for o in obligations],
        ).order_by("session__date", "session__start_time", "order", "number")
    )
    on_lists = set(
        InterventionRequest.objects.filter(
            delegation=delegation, agenda_item__in=items
        ).values_list("agenda_item_id", flat=True)
    )
    updates = []
    for obligation in sorted(obligations, key=lambda o: list(Obligation.Kind).index(o.kind)):
        tagged = [item for item in items if item.obligation_kind == obligation.kind]
        if tagged:
            updates.append(InvitedUpdate(obligation, tagged, all(i.pk in on_lists for i in tagged)))
    return updates


def published_statements(item: AgendaItem) -> list[Statement]:
    """The published statements of an item, by State (then organisation) name."""
    statements = Statement.objects.published().filter(agenda_item=item).for_list()
    return sorted(
        statements,
        key=lambda s: (s.delegation.state_id is None, alphabetical(s.delegation.name), s.pk),
    )
