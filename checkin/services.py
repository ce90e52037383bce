"""Every write of the check-in app: the lists of a meeting, and letting a delegate in.

`checkin_scan` and `checkin_delegate` each run in one transaction that locks the
delegate's row, so two scans of one badge at the same moment (two doors, a scan and
its retry) make one entry; the unique nonce makes a scan that is sent again (the
browser's offline queue, a retry after a dropped connection) count once.

A scan is the door's most frequent request: once the row is locked, one statement
reads what the database holds for it (`_seen`), and one writes the entry or the
refusal.
"""

from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from typing import NamedTuple

from django.contrib.auth import get_user_model
from django.db import IntegrityError, connection, transaction
from django.utils.translation import gettext as _

from intersessional import clock, dates
from programme.models import Meeting
from registration.models import Delegate

from . import codes, queries
from .models import Checkin, CheckinList, FailedScan, Method

# On a list that allows repeated entry, a second scan within this time is the same
# entry (a badge held up twice), not a new one.
REPEAT_AFTER = timedelta(minutes=1)


@dataclass(frozen=True)
class Outcome:
    """What the door shows after a scan: green (welcome), orange (already in) or red
    (refused). Only what staff at a door need: no e-mail, no other private detail."""

    status: str  # "welcome", "already" or "refused"
    title: str
    name: str = ""
    delegation: str = ""
    category: str = ""
    reason: str = ""
    # When this badge was first let in, and by whom (the orange outcome).
    at: datetime | None = None
    by: str = ""
    # Whose photo the door shows beside the outcome (views.py: a URL, no query here).
    delegate_id: int | None = None

    @property
    def colour(self) -> str:
        return {"welcome": "green", "already": "orange"}.get(self.status, "red")


def checkin_lists_ensure(*, meeting: Meeting) -> list[CheckinList]:
    """The meeting's usual lists: the bilateral day (delegations invited that day only)
    and each day of the meeting. Idempotent: a list that exists (by name) is left as
    staff edited it."""
    wanted = []
    if meeting.bilateral_day:
        day_name = dates.day_month(meeting.bilateral_day)
        wanted.append(
            (
                _("Bilateral meetings, %(day)s") % {"day": day_name},
                meeting.bilateral_day,
                CheckinList.Kind.BILATERAL,
            )
        )
    day = meeting.starts_on
    while day <= meeting.ends_on:
        wanted.append(
            (
                _("Meeting, %(day)s") % {"day": dates.day_month(day)},
                day,
                CheckinList.Kind.MEETING,
            )
        )
        day += timedelta(days=1)
    lists = []
    with transaction.atomic():
        for name, day, kind in wanted:
            checkin_list, _created = CheckinList.objects.get_or_create(
                meeting=meeting,
                name=name,
                defaults={"day": day, "kind": kind, "place": meeting.venue_name},
            )
            lists.append(checkin_list)
    return lists


# What the door shows of a delegate's delegation, fetched with the delegate.
_DELEGATION = ["delegation__state", "delegation__organisation"]


def _who(delegate: Delegate) -> dict:
    delegation = delegate.delegation
    return {
        "delegate_id": delegate.pk,
        "name": delegate.name_on_badge,
        "delegation": delegation.name,
        "category": str(delegation.get_category_display()),
    }


class _Seen(NamedTuple):
    """A row of what the database already holds for a scan (see `_seen`)."""

    what: str  # "entry" or "refusal" under this nonce; "first": the first entry on the list
    at: datetime
    delegate_id: int | None
    reason: str
    by_username: str | None  # None: no staff member (deleted since, or a script)
    by_first_name: str | None
    by_last_name: str | None
    last_at: datetime | None  # "first": the time of the delegate's last entry on the list


def _seen(
    *, nonce: str, checkin_list: CheckinList | None, delegate: Delegate | None
) -> list[_Seen]:
    """In one statement: the entry or refusal already recorded under this nonce (the scan
    sent again) and the delegate's first entry on the list, with the time of their last.
    Asked once the delegate's row is locked: a scan of the same badge that held the lock
    before has committed what it did.

    Written as SQL: built with the ORM (a union of three querysets with their joins) it
    cost the web process 1.8 ms of CPU, most of it compiling; as text, 0.15 ms."""
    tables = {
        "entry": connection.ops.quote_name(Checkin._meta.db_table),
        "refusal": connection.ops.quote_name(FailedScan._meta.db_table),
        "user": connection.ops.quote_name(get_user_model()._meta.db_table),
    }
    parts, params = [], []
    if delegate is not None:
        # First: PostgreSQL types a UNION's NULL column from the parts before it.
        parts.append(_SEEN_FIRST)
        params += [checkin_list.pk, delegate.pk]
    parts += [_SEEN_ENTRY, _SEEN_REFUSAL]
    params += [nonce, nonce]
    with connection.cursor() as cursor:
        cursor.execute(" UNION ALL ".join(parts).format(**tables), params)
        rows = cursor.fetchall()
    return [_Seen(what, _aware(at), *rest[:-1], _aware(rest[-1])) for what, at, *rest in rows]


_SEEN_FIRST = """
    SELECT 'first', e.at, e.delegate_id, '', u.username, u.first_name, u.last_name,
           (SELECT MAX(later.at) FROM {entry} later
             WHERE later.checkin_list_id = e.checkin_list_id AND later.delegate_id = e.delegate_id)
      FROM {entry} e LEFT JOIN {user} u ON u.id = e.by_id
     WHERE e.checkin_list_id = %s AND e.delegate_id = %s AND e.first"""
_SEEN_ENTRY = """
    SELECT 'entry', e.at, e.delegate_id, '', u.username, u.first_name, u.last_name, NULL
      FROM {entry} e LEFT JOIN {user} u ON u.id = e.by_id
     WHERE e.nonce = %s"""
_SEEN_REFUSAL = """
    SELECT 'refusal', r.at, r.delegate_id, r.reason, u.username, u.first_name, u.last_name, NULL
      FROM {refusal} r LEFT JOIN {user} u ON u.id = r.by_id
     WHERE r.nonce = %s"""


def _aware(value: datetime | str | None) -> datetime | None:
    """A time read by `_seen`: PostgreSQL gives it aware; SQLite (the demo) gives UTC,
    naive or as text."""
    if isinstance(value, str):
        value = datetime.fromisoformat(value)
    if value is not None and value.tzinfo is None:
        value = value.replace(tzinfo=UTC)
    return value


def _staff_name(seen: _Seen) -> str:
    if seen.by_username is None:
        return _("someone no longer on staff")
    full_name = f"{seen.by_first_name} {seen.by_last_name}".strip()
    return full_name or seen.by_username


def _replayed(seen: list[_Seen], delegate: Delegate | None) -> Outcome | None:
    """The outcome of a scan already applied (the same nonce sent again), as it was."""
    done = next((row for row in seen if row.what != "first"), None)
    if done is None:
        return None
    who = {}
    if done.delegate_id is not None:
        if delegate is None or delegate.pk != done.delegate_id:
            # A nonce sent again with another badge (by hand): the first badge's person.
            delegate = Delegate.objects.select_related(*_DELEGATION).get(pk=done.delegate_id)
        who = _who(delegate)
    if done.what == "entry":
        return Outcome(status="welcome", title=_("Welcome"), at=done.at, **who)
    return Outcome(
        status="refused",
        title=_("Not admitted: %(reason)s") % {"reason": FailedScan.Reason(done.reason).label},
        reason=done.reason,
        **who,
    )


def _refuse(*, checkin_list, reason, delegate, by, method, nonce) -> Outcome:
    """Record the refusal (the caller found no scan under this nonce) and say why."""
    FailedScan.objects.create(
        nonce=nonce,
        checkin_list=checkin_list,
        delegate=delegate,
        reason=reason,
        at=clock.now(),
        by=by,
        method=method,
    )
    return Outcome(
        status="refused",
        title=_("Not admitted: %(reason)s") % {"reason": FailedScan.Reason(reason).label},
        reason=reason,
        **(_who(delegate) if delegate else {}),
    )


def _applied_meanwhile(nonce: str) -> Outcome | None:
    """After the unique nonce refused our row: what the other request that carried the
    same nonce at the same moment did (None if no scan holds the nonce)."""
    return _replayed(_seen(nonce=nonce, checkin_list=None, delegate=None), None)


def checkin_delegate(
    *, checkin_list: CheckinList, delegate_pk: int, by, method: str, nonce: str, version=None
) -> Outcome:
    """Let the delegate in through the list, or say why not. `version` is the badge's
    when the delegate came by a scanned code (None for a name search)."""
    try:
        return _checkin_delegate(
            checkin_list=checkin_list,
            delegate_pk=delegate_pk,
            by=by,
            method=method,
            nonce=nonce,
            version=version,
        )
    except IntegrityError:
        # Only a scan that locked no row (its code names no delegate of the meeting) or
        # a nonce sent again with another badge can meet the same nonce here.
        replay = _applied_meanwhile(nonce)
        if replay is None:
            raise
        return replay


@transaction.atomic
def _checkin_delegate(*, checkin_list, delegate_pk, by, method, nonce, version) -> Outcome:
    refuse = {"checkin_list": checkin_list, "by": by, "method": method, "nonce": nonce}
    delegates = (
        # The lock: concurrent scans of one badge queue here, one after the other.
        Delegate.objects.select_for_update(of=("self",))
        .select_related(*_DELEGATION)
        .filter(pk=delegate_pk, meeting_id=checkin_list.meeting_id)
    )
    bilateral = checkin_list.kind == CheckinList.Kind.BILATERAL
    if bilateral:
        delegates = delegates.annotate(invited=queries.invited_on(checkin_list.day))
    # The pk is unique: no ORDER BY (first() would sort by the delegates' names).
    delegate = next(iter(delegates.order_by()[:1]), None)
    # Asked once the lock is held: the same scan sent twice at once waits above, then
    # finds what the first one did.
    seen = _seen(nonce=nonce, checkin_list=checkin_list, delegate=delegate)
    replay = _replayed(seen, delegate)
    if replay is not None:
        return replay
    if delegate is None:
        return _refuse(reason=FailedScan.Reason.INVALID, delegate=None, **refuse)
    if version is not None and version != delegate.badge_version:
        return _refuse(reason=FailedScan.Reason.SUPERSEDED, delegate=delegate, **refuse)
    if delegate.status == Delegate.Status.WITHDRAWN:
        return _refuse(reason=FailedScan.Reason.WITHDRAWN, delegate=delegate, **refuse)
    if delegate.status == Delegate.Status.DECLINED:
        return _refuse(reason=FailedScan.Reason.DECLINED, delegate=delegate, **refuse)
    if bilateral and not delegate.invited:
        return _refuse(reason=FailedScan.Reason.WRONG_DAY, delegate=delegate, **refuse)

    now = clock.now()
    first = next((row for row in seen if row.what == "first"), None)
    if first is not None:
        last_at = first.last_at or first.at
        if not checkin_list.allow_repeat or now - last_at < REPEAT_AFTER:
            return Outcome(
                status="already",
                title=_("Already checked in"),
                at=first.at,
                by=_staff_name(first),
                **_who(delegate),
            )
    Checkin.objects.create(
        checkin_list=checkin_list,
        delegate=delegate,
        at=now,
        by=by,
        method=method,
        nonce=nonce,
        first=first is None,
    )
    return Outcome(status="welcome", title=_("Welcome"), at=now, **_who(delegate))


def checkin_scan(*, checkin_list: CheckinList, code: str, by, method: str, nonce: str) -> Outcome:
    """A scanned badge: read its code, then let the delegate in or refuse."""
    badge = codes.decode(code)
    if badge is None:
        try:
            with transaction.atomic():
                seen = _seen(nonce=nonce, checkin_list=checkin_list, delegate=None)
                return _replayed(seen, None) or _refuse(
                    checkin_list=checkin_list,
                    reason=FailedScan.Reason.INVALID,
                    delegate=None,
                    by=by,
                    method=method,
                    nonce=nonce,
                )
        except IntegrityError:
            replay = _applied_meanwhile(nonce)
            if replay is None:
                raise
            return replay
    return checkin_delegate(
        checkin_list=checkin_list,
        delegate_pk=badge.delegate_pk,
        by=by,
        method=method,
        nonce=nonce,
        version=badge.version,
    )


METHODS = set(Method.values)
