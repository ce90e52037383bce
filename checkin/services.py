"""Every write of the check-in app: the lists of a meeting, and letting a delegate in.

`checkin_scan` and `checkin_delegate` each run in one transaction that locks the
delegate's row, so two scans of one badge at the same moment (two doors, a scan and
its retry) make one entry; the unique nonce makes a scan that is sent again (the
browser's offline queue, a retry after a dropped connection) count once.
"""

from dataclasses import dataclass
from datetime import date, datetime, timedelta

from django.db import IntegrityError, transaction
from django.utils import timezone
from django.utils.dateformat import format as date_format
from django.utils.translation import gettext as _

from floor.models import BilateralInvitation
from intersessional import clock
from programme.models import Meeting
from registration.models import Delegate

from . import codes
from .models import Checkin, CheckinList, FailedScan, Method

# On a list that allows repeated entry, a second scan within this time is the same
# entry (a badge held up twice), not a new one.
REPEAT_AFTER = timedelta(minutes=1)
LIVE_INVITATION = [BilateralInvitation.Status.INVITED, BilateralInvitation.Status.ACCEPTED]


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

    @property
    def colour(self) -> str:
        return {"welcome": "green", "already": "orange"}.get(self.status, "red")


def _staff_name(user) -> str:
    if user is None:
        return _("someone no longer on staff")
    return user.get_full_name() or user.get_username()


def checkin_lists_ensure(*, meeting: Meeting) -> list[CheckinList]:
    """The meeting's usual lists: the bilateral day (delegations invited that day only)
    and each day of the meeting. Idempotent: a list that exists (by name) is left as
    staff edited it."""
    wanted = []
    if meeting.bilateral_day:
        day_name = date_format(meeting.bilateral_day, "j F")
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
                _("Meeting, %(day)s") % {"day": date_format(day, "j F")},
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


def _invited_on(delegation_id: int, day: date) -> bool:
    invitations = BilateralInvitation.objects.filter(
        delegation_id=delegation_id, status__in=LIVE_INVITATION
    ).values_list("starts_at", flat=True)
    return any(timezone.localtime(starts, clock.GENEVA).date() == day for starts in invitations)


def _who(delegate: Delegate) -> dict:
    delegation = delegate.delegation
    return {
        "name": delegate.name_on_badge,
        "delegation": delegation.name,
        "category": str(delegation.get_category_display()),
    }


def _refuse(*, checkin_list, reason, delegate, by, method, nonce) -> Outcome:
    FailedScan.objects.get_or_create(
        nonce=nonce,
        defaults={
            "checkin_list": checkin_list,
            "delegate": delegate,
            "reason": reason,
            "at": clock.now(),
            "by": by,
            "method": method,
        },
    )
    label = FailedScan.Reason(reason).label
    return Outcome(
        status="refused",
        title=_("Not admitted: %(reason)s") % {"reason": label},
        reason=reason,
        **(_who(delegate) if delegate else {}),
    )


def _replayed(nonce: str) -> Outcome | None:
    """The outcome of a scan already applied (the same nonce sent again)."""
    entry = Checkin.objects.filter(nonce=nonce).select_related(*_DELEGATE, "by").first()
    if entry is not None:
        return Outcome(status="welcome", title=_("Welcome"), at=entry.at, **_who(entry.delegate))
    failed = FailedScan.objects.filter(nonce=nonce).select_related(*_DELEGATE).first()
    if failed is not None:
        return Outcome(
            status="refused",
            title=_("Not admitted: %(reason)s") % {"reason": failed.get_reason_display()},
            reason=failed.reason,
            **(_who(failed.delegate) if failed.delegate else {}),
        )
    return None


_DELEGATE = ["delegate__delegation__state", "delegate__delegation__organisation"]


@transaction.atomic
def checkin_delegate(
    *, checkin_list: CheckinList, delegate_pk: int, by, method: str, nonce: str, version=None
) -> Outcome:
    """Let the delegate in through the list, or say why not. `version` is the badge's
    when the delegate came by a scanned code (None for a name search)."""
    refuse = {"checkin_list": checkin_list, "by": by, "method": method, "nonce": nonce}
    # The lock: concurrent scans of one badge queue here, one after the other.
    delegate = (
        Delegate.objects.select_for_update(of=("self",))
        .select_related("delegation__state", "delegation__organisation")
        .filter(pk=delegate_pk, meeting_id=checkin_list.meeting_id)
        .first()
    )
    # Asked once the lock is held: the same scan sent twice at once waits above, then
    # finds what the first one did.
    replay = _replayed(nonce)
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
    if checkin_list.kind == CheckinList.Kind.BILATERAL and not _invited_on(
        delegate.delegation_id, checkin_list.day
    ):
        return _refuse(reason=FailedScan.Reason.WRONG_DAY, delegate=delegate, **refuse)

    now = clock.now()
    first = (
        Checkin.objects.filter(checkin_list=checkin_list, delegate=delegate, first=True)
        .select_related("by")
        .first()
    )
    if first is not None:
        last = (
            Checkin.objects.filter(checkin_list=checkin_list, delegate=delegate)
            .select_related("by")
            .order_by("-at", "-pk")
            .first()
        )
        if not checkin_list.allow_repeat or now - last.at < REPEAT_AFTER:
            return Outcome(
                status="already",
                title=_("Already checked in"),
                at=first.at,
                by=_staff_name(first.by),
                **_who(delegate),
            )
    try:
        with transaction.atomic():
            Checkin.objects.create(
                checkin_list=checkin_list,
                delegate=delegate,
                at=now,
                by=by,
                method=method,
                nonce=nonce,
                first=first is None,
            )
    except IntegrityError:
        # The same nonce, sent twice at the same moment: the other request applied it.
        return _replayed(nonce) or Outcome(status="welcome", title=_("Welcome"), **_who(delegate))
    return Outcome(status="welcome", title=_("Welcome"), at=now, **_who(delegate))


def checkin_scan(*, checkin_list: CheckinList, code: str, by, method: str, nonce: str) -> Outcome:
    """A scanned badge: read its code, then let the delegate in or refuse."""
    badge = codes.decode(code)
    if badge is None:
        with transaction.atomic():
            replay = _replayed(nonce)
            if replay is not None:
                return replay
            return _refuse(
                checkin_list=checkin_list,
                reason=FailedScan.Reason.INVALID,
                delegate=None,
                by=by,
                method=method,
                nonce=nonce,
            )
    return checkin_delegate(
        checkin_list=checkin_list,
        delegate_pk=badge.delegate_pk,
        by=by,
        method=method,
        nonce=nonce,
        version=badge.version,
    )


METHODS = set(Method.values)
