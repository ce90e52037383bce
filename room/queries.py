"""What the room's pages read: the console's list, the live page's state, a
delegation's place in line, the advance copies of a session and who has none."""

from collections import defaultdict
from datetime import timedelta

from django.conf import settings
from django.db.models import F, Q

from floor.models import Statement
from intersessional import clock
from programme.models import AgendaItem, Session
from registration.models import Category, Delegation, InterventionRequest

from .models import Room, Turn

NEXT_SHOWN = 5


def room_of(meeting_id: int) -> Room:
    """The meeting's room as it stands (an unsaved empty one before the first action)."""
    room = (
        Room.objects.filter(meeting_id=meeting_id)
        .select_related("agenda_item__session", "turn")
        .first()
    )
    return room or Room(meeting_id=meeting_id)


def turns(item) -> list[Turn]:
    """The item's order, with what the console and the live page show of each turn."""
    return list(
        Turn.objects.filter(agenda_item=item)
        .select_related("delegation__state", "delegation__organisation", "speaker")
        .order_by("position")
    )


def speaking_seconds(item: AgendaItem, delegation: Delegation) -> int:
    """The speaking time the item gives this delegation's category (0: no limit)."""
    if delegation.category in (Category.STATE_PARTY, Category.STATE_NOT_PARTY):
        return item.speaking_minutes_states * 60
    return item.speaking_minutes_observers * 60


def current_session(meeting_id: int, now=None) -> Session | None:
    """The session under way, else the next one to start, else None (the meeting is over)."""
    now = now or clock.now()
    sessions = Session.objects.filter(meeting_id=meeting_id).exclude(kind=Session.Kind.BILATERAL)
    for session in sessions.order_by("date", "start_time", "order", "pk"):
        if session.ends_at > now:
            return session
    return None


def place_in_line(delegation) -> tuple[Room, Turn, int] | None:
    """Where the delegation stands on the item under way: (room, its turn, how many wait
    before it after the current speaker, 0 while it has the floor); None when it is on
    no list of the item under way."""
    room = (
        Room.objects.filter(meeting_id=delegation.meeting_id).select_related("agenda_item").first()
    )
    if room is None or room.agenda_item_id is None:
        return None
    mine = (
        Turn.objects.filter(
            agenda_item_id=room.agenda_item_id,
            delegation=delegation,
            status__in=[Turn.Status.WAITING, Turn.Status.SPEAKING],
        )
        .order_by("position")
        .first()
    )
    if mine is None:
        return None
    if mine.status == Turn.Status.SPEAKING:
        return room, mine, 0
    before = Turn.objects.filter(
        agenda_item_id=room.agenda_item_id,
        status=Turn.Status.WAITING,
        position__lt=mine.position,
    ).count()
    return room, mine, before + 1


# Advance copies -------------------------------------------------------------------


def deadline_of(session: Session):
    """Copies received by then are on time (settings.ADVANCE_COPY_HOURS before the session)."""
    return session.starts_at - timedelta(hours=settings.ADVANCE_COPY_HOURS)


def advance_copies(session: Session) -> list[tuple[AgendaItem, list[Statement]]]:
    """The session's items, each with the statements sent for it before they were
    delivered, in speaking order (the room's order once the item is open, else the
    speakers' list's; statements of delegations on no list last). Four queries."""
    items = list(AgendaItem.objects.filter(session=session).order_by("order", "number"))
    statements = (
        Statement.objects.filter(agenda_item__in=items)
        .filter(Q(delivered_at__isnull=True) | Q(uploaded_at__lt=F("delivered_at")))
        .select_related("delegation__state", "delegation__organisation", "agenda_item")
        .order_by("uploaded_at")
    )
    order: dict[tuple[int, int], tuple] = {}
    for request in InterventionRequest.objects.filter(agenda_item__in=items).speakers_list():
        order.setdefault((request.agenda_item_id, request.delegation_id), (1, len(order)))
    for turn in Turn.objects.filter(agenda_item__in=items).order_by("position"):
        key = (turn.agenda_item_id, turn.delegation_id)
        if key not in order or order[key][0] == 1:
            order[key] = (0, turn.position)
    by_item = defaultdict(list)
    for statement in statements:
        by_item[statement.agenda_item_id].append(statement)
    deadline = deadline_of(session)
    result = []
    for item in items:
        rows = by_item.get(item.pk, [])
        for statement in rows:
            statement.on_time = statement.uploaded_at <= deadline
        rows.sort(key=lambda s: order.get((s.agenda_item_id, s.delegation_id), (2, 0)))
        result.append((item, rows))
    return result


def missing_advance_copies(*, day) -> dict[Delegation, list]:
    """The delegations on a speakers' list of an item taken on `day` that sent no
    statement for that item: {delegation: [(item, speaker), ...]}."""
    requests = (
        InterventionRequest.objects.filter(agenda_item__session__date=day)
        .exclude(agenda_item__session__kind=Session.Kind.BILATERAL)
        .filter(speaker__status__in=["registered", "confirmed"])
        .select_related("delegation__meeting", "delegation__state", "agenda_item", "speaker")
        .order_by("delegation_id", "agenda_item__session__start_time", "agenda_item__number")
    )
    sent = set(
        Statement.objects.filter(agenda_item__session__date=day).values_list(
            "delegation_id", "agenda_item_id"
        )
    )
    missing: dict[Delegation, list] = {}
    for request in requests:
        if (request.delegation_id, request.agenda_item_id) in sent:
            continue
        missing.setdefault(request.delegation, []).append((request.agenda_item, request.speaker))
    return missing
