"""Every write of the room: the chair's console actions, the advance copies'
downloads and reminders.

Each console action is one transaction that takes the meeting's Room row FOR UPDATE,
checks the version the console saw (a console acting on an old view of the list is
refused, and shown the list as it is), applies the change, raises the version and
records the action with its time. The live page's cache learns the new version after
the commit (live.py)."""

from datetime import timedelta

from django.conf import settings
from django.db import IntegrityError, transaction
from django.db.models import F, Max
from django.utils.translation import gettext as _

from floor import services as floor_services
from intersessional import clock, dates
from registration.emails import queue_email
from registration.models import InterventionRequest

from . import live, queries
from .models import AdvanceCopyDownload, AdvanceCopyReminder, ConsoleAction, Room, Turn


class ConsoleRefused(Exception):
    def __init__(self, message: str):
        super().__init__(message)
        self.message = message


def _stale() -> ConsoleRefused:
    return ConsoleRefused(
        _(
            "The list changed on another console. Here it is as it stands now: "
            "check it and act again."
        )
    )


def _room_for_update(meeting, version: int | None) -> Room:
    Room.objects.get_or_create(meeting=meeting)
    room = Room.objects.select_for_update().get(meeting=meeting)
    if version is not None and room.version != version:
        raise _stale()
    return room


def _record(room: Room, *, by, action: str, turn: Turn | None = None, agenda_item_id=None) -> Room:
    now = clock.now()
    room.version += 1
    room.changed_at = now
    room.save(update_fields=["agenda_item", "turn", "version", "changed_at"])
    ConsoleAction.objects.create(
        room=room,
        at=now,
        by=by,
        action=action,
        agenda_item_id=agenda_item_id or room.agenda_item_id,
        turn=turn,
        version=room.version,
    )
    meeting_id, version, item_id = room.meeting_id, room.version, room.agenda_item_id
    transaction.on_commit(lambda: live.publish(meeting_id, version, item_id))
    return room


def _turn_of(room: Room, turn_pk: int) -> Turn:
    turn = Turn.objects.filter(pk=turn_pk, agenda_item_id=room.agenda_item_id).first()
    if turn is None:
        raise _stale()
    return turn


def _next_position(item_id: int) -> int:
    last = Turn.objects.filter(agenda_item_id=item_id).aggregate(last=Max("position"))["last"]
    return (last or 0) + 1


def _sync_turns(item) -> int:
    """Give a turn, at the end of the order, to every request for the floor on the item
    that has none yet (those made or placed before the item was opened come in the
    speakers' list's order). Returns how many were added."""
    taken = Turn.objects.filter(agenda_item=item, request__isnull=False).values("request_id")
    requests = list(
        InterventionRequest.objects.filter(agenda_item=item).exclude(pk__in=taken).speakers_list()
    )
    position = _next_position(item.pk)
    Turn.objects.bulk_create(
        Turn(
            agenda_item=item,
            request=request,
            delegation_id=request.delegation_id,
            speaker_id=request.speaker_id,
            position=position + n,
        )
        for n, request in enumerate(requests)
    )
    return len(requests)


def _end_current(room: Room) -> None:
    """The speaker who has the floor has spoken: their request is ticked "spoke",
    which marks their statements on the item delivered (floor's service)."""
    if room.turn_id is None:
        return
    turn = Turn.objects.select_related("request").get(pk=room.turn_id)
    Turn.objects.filter(pk=turn.pk).update(status=Turn.Status.SPOKE, ended_at=clock.now())
    if turn.request is not None and not turn.request.spoke:
        turn.request.spoke = True
        floor_services.intervention_save(intervention=turn.request, spoke_changed=True)
    room.turn = None


def _give(room: Room, turn: Turn) -> None:
    Turn.objects.filter(pk=turn.pk).update(
        status=Turn.Status.SPEAKING, started_at=clock.now(), ended_at=None
    )
    room.turn = turn


@transaction.atomic
def item_open(*, meeting, agenda_item, by, version: int | None) -> Room:
    """The chair opens an item: its speakers' list becomes the room's order."""
    if agenda_item.session.meeting_id != meeting.pk:
        raise ConsoleRefused(_("This item is not on this meeting's programme."))
    room = _room_for_update(meeting, version)
    _end_current(room)
    room.agenda_item = agenda_item
    _sync_turns(agenda_item)
    return _record(room, by=by, action="item_open")


@transaction.atomic
def item_close(*, meeting, by, version: int | None) -> Room:
    """The item closes: the speaker who had the floor has spoken; nobody has it."""
    room = _room_for_update(meeting, version)
    if room.agenda_item_id is None:
        raise _stale()
    _end_current(room)
    item_id = room.agenda_item_id
    room.agenda_item = None
    return _record(room, by=by, action="item_close", agenda_item_id=item_id)


@transaction.atomic
def floor_give(*, meeting, turn_pk: int, by, version: int | None) -> Room:
    """The chair gives the floor to a waiting speaker (the one who had it has spoken)."""
    room = _room_for_update(meeting, version)
    turn = _turn_of(room, turn_pk)
    if not turn.is_waiting:
        raise _stale()
    _end_current(room)
    _give(room, turn)
    return _record(room, by=by, action="floor_give", turn=turn)


@transaction.atomic
def floor_next(*, meeting, by, version: int | None) -> Room:
    """The speaker who had the floor has spoken; the first waiting speaker has it (or
    nobody, at the end of the list). Requests made since the item opened join the end."""
    room = _room_for_update(meeting, version)
    if room.agenda_item_id is None:
        raise _stale()
    _end_current(room)
    _sync_turns(room.agenda_item)
    turn = (
        Turn.objects.filter(agenda_item_id=room.agenda_item_id, status=Turn.Status.WAITING)
        .order_by("position")
        .first()
    )
    if turn is not None:
        _give(room, turn)
    return _record(room, by=by, action="floor_next", turn=turn)


@transaction.atomic
def turn_absent(*, meeting, turn_pk: int, by, version: int | None) -> Room:
    """A speaker not in the room when called goes to the end of the list."""
    room = _room_for_update(meeting, version)
    turn = _turn_of(room, turn_pk)
    if not turn.is_waiting:
        raise _stale()
    Turn.objects.filter(pk=turn.pk).update(position=_next_position(turn.agenda_item_id))
    return _record(room, by=by, action="turn_absent", turn=turn)


@transaction.atomic
def turn_strike(*, meeting, turn_pk: int, by, version: int | None) -> Room:
    """A speaker is struck from the list (they will not speak on this item)."""
    room = _room_for_update(meeting, version)
    turn = _turn_of(room, turn_pk)
    if not turn.is_waiting:
        raise _stale()
    Turn.objects.filter(pk=turn.pk).update(status=Turn.Status.STRUCK)
    return _record(room, by=by, action="turn_strike", turn=turn)


@transaction.atomic
def turn_insert(*, meeting, delegation, kind: str, by, version: int | None) -> Room:
    """A right of reply joins the end of the list; a point of order comes next, right
    after the speaker who has the floor."""
    if kind not in (Turn.Kind.REPLY, Turn.Kind.POINT_OF_ORDER):
        raise ConsoleRefused(_("Only a right of reply or a point of order can be inserted."))
    room = _room_for_update(meeting, version)
    if room.agenda_item_id is None:
        raise _stale()
    if delegation.meeting_id != meeting.pk:
        raise ConsoleRefused(_("This delegation is not registered for this meeting."))
    item_id = room.agenda_item_id
    if kind == Turn.Kind.POINT_OF_ORDER:
        waiting = Turn.objects.filter(agenda_item_id=item_id, status=Turn.Status.WAITING)
        first = waiting.order_by("position").values_list("position", flat=True).first()
        if first is None:
            position = _next_position(item_id)
        else:
            # Deferred uniqueness (models.Turn): the places after move down by one.
            Turn.objects.filter(agenda_item_id=item_id, position__gte=first).update(
                position=F("position") + 1
            )
            position = first
    else:
        position = _next_position(item_id)
    turn = Turn.objects.create(
        agenda_item_id=item_id,
        delegation=delegation,
        speaker=floor_services.speaker_for(delegation),
        kind=kind,
        position=position,
    )
    return _record(room, by=by, action=f"insert_{kind}", turn=turn)


# Advance copies ------------------------------------------------------------------


@transaction.atomic
def advance_copy_download(*, statement, by) -> AdvanceCopyDownload:
    """Record who downloaded an advance copy, and when."""
    return AdvanceCopyDownload.objects.create(statement=statement, by=by, at=clock.now())


def advance_copy_reminders_send(*, now=None) -> list[AdvanceCopyReminder]:
    """The day before a day of sessions, remind each delegation on one of its speakers'
    lists that has sent no statement for that item: one e-mail per delegation and day,
    to its focal point, else to its speaker, in their language. Returns the reminders
    sent now (none the second time)."""
    now = now or clock.now()
    day = dates.geneva(now).date() + timedelta(days=1)
    sent = []
    for delegation, items in queries.missing_advance_copies(day=day).items():
        reminder = _remind(delegation=delegation, items=items, day=day, now=now)
        if reminder is not None:
            sent.append(reminder)
    return sent


@transaction.atomic
def _remind(*, delegation, items, day, now) -> AdvanceCopyReminder | None:
    try:
        with transaction.atomic():
            reminder = AdvanceCopyReminder.objects.create(
                delegation=delegation, day=day, sent_at=now
            )
    except IntegrityError:
        return None  # sent already, by this run or another
    speaker = items[0][1]
    if delegation.focal_point_email:
        to, language, about = delegation.focal_point_email, delegation.focal_point_language, None
    else:
        to, language, about = speaker.email, speaker.language, speaker
    queue_email(
        kind="advance_copy_reminder",
        to=to,
        language=language,
        delegate=about,
        context=lambda: {
            "meeting": delegation.meeting,
            "delegation": delegation,
            "items": [item for item, _speaker in items],
            "day": day,
            "hours": settings.ADVANCE_COPY_HOURS,
        },
    )
    return reminder
