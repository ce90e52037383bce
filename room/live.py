"""The live page's state, answered from the cache.

Phones poll `/<language>/live/state.json` with the ETag of what they have. The
room's version is kept in the cache (the default cache: Redis in production, shared
by every web process); a poll whose ETag names it is answered 304 without touching
the database, and a new version's state is built once per language and kept in the
cache under that version. The console's service publishes each new version after its
commit; should the cache lose it, the next poll reads it from the database again."""

import logging
import time

from django.core.cache import cache
from django.utils import translation

from programme.models import Meeting

from . import queries
from .models import Room, Turn

logger = logging.getLogger(__name__)
# (meeting's pk, room's version, item under way or None) of the meeting the public
# site is about: one cache read answers a poll.
CURRENT_KEY = "room:live:current"
STATE_KEY = "room:live:{meeting}:{version}:{language}"
# Long enough for a session; a new version makes new keys anyway.
TIMEOUT = 6 * 3600
# A new meeting set up becomes the current one within five minutes.
CURRENT_TIMEOUT = 300
# Each web process keeps what the cache said for this long (measured in make bench: a
# Redis read per poll cost a third of a millisecond of CPU; docs/performance.md). A
# poll then sees a new speaker at most this much later; the process that published it
# forgets its copy at once. The cache stays the one source every process shares.
MEMO_SECONDS = 0.25
_memo: list = []


def _get(key):
    try:
        return cache.get(key)
    except Exception:
        logger.warning("Cache unavailable: the live page reads the database", exc_info=True)
        return None


def _delete(key) -> None:
    try:
        cache.delete(key)
    except Exception:
        logger.warning("Cache unavailable", exc_info=True)


def _set(key, value, timeout: int = TIMEOUT) -> None:
    try:
        cache.set(key, value, timeout)
    except Exception:
        logger.warning("Cache unavailable: the live page's state is not kept", exc_info=True)


def current() -> tuple[int | None, int, int | None]:
    """(the current meeting's pk, its room's version, the item under way or None): from
    this process's memory for
    a quarter of a second, else from the cache, else from the database (and then kept).
    The meeting is Meeting.objects.current(), the one the console runs
    (programme.queries.current_meeting)."""
    now = time.monotonic()
    if _memo and _memo[0] > now:
        return _memo[1]
    found = _get(CURRENT_KEY)
    if found is not None:
        _memo[:] = [now + MEMO_SECONDS, tuple(found)]
        return found
    meeting = Meeting.objects.current()
    if meeting is None:
        return None, 0, None
    room = Room.objects.filter(meeting=meeting).values_list("version", "agenda_item_id").first()
    found = (meeting.pk, *(room or (0, None)))
    _set(CURRENT_KEY, found, CURRENT_TIMEOUT)
    return found


def publish(meeting_id: int, version: int, item_id: int | None) -> None:
    """Tell the live pages that the room has a new version (after the commit)."""
    _memo.clear()
    found = _get(CURRENT_KEY)
    if found is None or (found[0] == meeting_id and found[1] < version):
        _set(CURRENT_KEY, (meeting_id, version, item_id), CURRENT_TIMEOUT)
    elif found[0] != meeting_id:
        # Not the meeting the cache names: let the next poll read the database.
        _delete(CURRENT_KEY)


def etag(version_: int, language: str) -> str:
    return f'"room-{version_}-{language}"'


def _person(turn: Turn) -> dict:
    speaker = turn.speaker
    return {
        "delegation": turn.delegation.name,
        "kind": turn.kind,
        "kind_label": str(turn.get_kind_display()) if turn.kind != Turn.Kind.SPEAKER else "",
        # A name is shown only to those who agreed to appear on the public list.
        "speaker": speaker.full_name if speaker and speaker.public_list_consent else "",
    }


def build_state(meeting_id: int, language: str) -> dict:
    """What the live page shows, in `language`: the session, the item, who has the
    floor (since when, against how many seconds) and the next five."""
    with translation.override(language):
        room = queries.room_of(meeting_id)
        state = {
            "version": room.version,
            "session": "",
            "item": "",
            "speaker": None,
            "next": [],
            "waiting": 0,
        }
        item = room.agenda_item
        if item is None:
            session = queries.current_session(meeting_id)
            state["session"] = session.title if session else ""
            return state
        state["session"] = item.session.title
        state["item"] = str(item)
        order = queries.turns(item)
        waiting = [turn for turn in order if turn.is_waiting]
        current = next((turn for turn in order if turn.pk == room.turn_id), None)
        if current is not None and current.started_at is not None:
            state["speaker"] = {
                **_person(current),
                "started_at": current.started_at.isoformat(),
                "started_ms": int(current.started_at.timestamp() * 1000),
                "seconds": queries.speaking_seconds(item, current.delegation),
            }
        state["next"] = [_person(turn) for turn in waiting[: queries.NEXT_SHOWN]]
        state["waiting"] = len(waiting)
        return state


def state(meeting_id: int, language: str, version_: int) -> dict:
    """The state of this version in this language, built once and then cached."""
    key = STATE_KEY.format(meeting=meeting_id, version=version_, language=language)
    found = _get(key)
    if found is not None:
        return found
    built = build_state(meeting_id, language)
    if built["version"] == version_:
        _set(key, built)
    return built
