"""Reads of the check-in app: the name search at the door, who is expected on a list,
the live counts and the audit of entries."""

from dataclasses import dataclass
from datetime import datetime, time, timedelta

from django.db.models import Count, Exists, OuterRef, Q
from django.db.models.functions import Lower

from floor.models import BilateralInvitation
from intersessional.clock import GENEVA
from intersessional.memo import per_process_minute
from registration.models import Category, Delegate

from .models import Checkin, CheckinList

SEARCH_LIMIT = 10
MIN_SEARCH_LETTERS = 3
# The invitations that admit a delegation on the bilateral day.
LIVE_INVITATION = [BilateralInvitation.Status.INVITED, BilateralInvitation.Status.ACCEPTED]


@per_process_minute
def checkin_list(pk: int) -> CheckinList | None:
    """A list by its id, read once a minute per process (intersessional/memo.py): the
    door sends a scan every few seconds, and staff set a list up once."""
    return CheckinList.objects.filter(pk=pk).first()


def expected(checkin_list: CheckinList):
    """The active delegates the list admits: everyone for a meeting day; on the
    bilateral day, the delegations with a live invitation that day."""
    delegates = Delegate.objects.active().filter(meeting_id=checkin_list.meeting_id)
    if checkin_list.kind == CheckinList.Kind.BILATERAL:
        delegates = delegates.filter(invited_on(checkin_list.day))
    return delegates


def invited_on(day) -> Exists:
    """Whether the delegate's delegation has a live bilateral invitation that day (Geneva
    time), for a queryset of delegates."""
    start = datetime.combine(day, time.min, tzinfo=GENEVA)
    return Exists(
        BilateralInvitation.objects.filter(
            delegation=OuterRef("delegation"),
            status__in=LIVE_INVITATION,
            starts_at__gte=start,
            starts_at__lt=start + timedelta(days=1),
        )
    )


def search(checkin_list: CheckinList, text: str) -> list[Delegate]:
    """Up to SEARCH_LIMIT delegates of the list's meeting whose names contain each word
    typed (any order, any case), with whether they are already in."""
    words = text.split()[:4]
    delegates = Delegate.objects.filter(meeting_id=checkin_list.meeting_id)
    for word in words:
        delegates = delegates.filter(
            Q(given_name__icontains=word)
            | Q(family_name__icontains=word)
            | Q(badge_name__icontains=word)
        )
    return list(
        delegates.select_related("delegation__state", "delegation__organisation")
        .annotate(
            checked_in=Exists(
                Checkin.objects.filter(checkin_list=checkin_list, delegate=OuterRef("pk"))
            )
        )
        .order_by(Lower("family_name"), Lower("given_name"), "pk")[:SEARCH_LIMIT]
    )


def has_enough_letters(text: str) -> bool:
    return sum(char.isalpha() for char in text) >= MIN_SEARCH_LETTERS


@dataclass(frozen=True)
class ListCount:
    label: str
    checked_in: int
    expected: int


def counts(checkin_list: CheckinList) -> list[ListCount]:
    """Checked in / expected per category, then the total: two aggregate queries."""
    in_list = Checkin.objects.filter(checkin_list=checkin_list, delegate=OuterRef("pk"))
    rows = (
        expected(checkin_list)
        .values("delegation__category")
        .annotate(n=Count("pk"), came=Count("pk", filter=Q(Exists(in_list))))
        .order_by()
    )
    per = {row["delegation__category"]: (row["came"], row["n"]) for row in rows}
    lines = [
        ListCount(str(label), *per.get(value, (0, 0)))
        for value, label in Category.choices
        if value in per
    ]
    # Someone let in by name search who is not expected (e.g. withdrawn after) still
    # counts as in: the total is of everyone who came through this list.
    came = Checkin.objects.filter(checkin_list=checkin_list, first=True).count()
    total_expected = sum(line.expected for line in lines)
    return [*lines, ListCount("", came, total_expected)]


def entries(checkin_list: CheckinList, *, limit: int = 200):
    """The newest entries with who let each person in (the audit)."""
    return (
        Checkin.objects.filter(checkin_list=checkin_list)
        .select_related("delegate__delegation__state", "delegate__delegation__organisation", "by")
        .order_by("-at", "-pk")[:limit]
    )


def failed(checkin_list: CheckinList, *, limit: int = 100):
    return (
        checkin_list.failed_scans.select_related(
            "delegate__delegation__state", "delegate__delegation__organisation", "by"
        )
        .order_by("-at", "-pk")
        .all()[:limit]
    )


def lists_with_counts(meeting_id: int):
    return CheckinList.objects.filter(meeting_id=meeting_id).annotate(
        came=Count("checkins", filter=Q(checkins__first=True))
    )
