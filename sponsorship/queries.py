"""What the committee's page, the travel page, the report and the figures read: a
fixed number of queries whatever the number of applications."""

from collections import Counter
from dataclasses import dataclass, field
from decimal import Decimal

from django.core.cache import cache
from django.db.models import Exists, OuterRef, Prefetch, Sum
from django.utils.translation import gettext as _

from accreditation.models import Nomination
from checkin.models import Checkin
from floor.models import Statement
from reference.models import Obligation, State
from registration.models import Delegate, InterventionRequest

from . import services
from .models import Application, Programme

NO_OBLIGATION = "none"
# The private-link pages ask on every visit whether the meeting has a programme: a
# minute in the cache, cleared when the ISU saves it in the admin (admin.py).
PROGRAMME_CACHE_SECONDS = 60
_NONE = "none"


def programme_key(meeting_id: int) -> str:
    return f"sponsorship:programme:{meeting_id}"


def programme_cached(meeting) -> Programme | None:
    """The meeting's programme, or None, without a query on most visits."""
    key = programme_key(meeting.pk)
    found = cache.get(key)
    if found is None:
        found = Programme.objects.filter(meeting=meeting).first() or _NONE
        cache.set(key, found, PROGRAMME_CACHE_SECONDS)
    return None if found == _NONE else found


def applications_for_committee(programme: Programme) -> list[Application]:
    """Every application with what the decision weighs, in three queries: the rows
    (with the person, their State, its regional group and LDC status, the identity
    details, the travel), the States' confirmed obligations, and the States that had
    a sponsored delegate at earlier meetings."""
    named = Nomination.objects.filter(members=OuterRef("delegate"))
    rows = list(
        Application.objects.filter(programme=programme)
        .annotate(named_in_nomination=Exists(named))
        .select_related("delegate__delegation__state", "delegate__identity", "obligation", "travel")
        .prefetch_related(
            Prefetch(
                "delegate__delegation__state__obligations",
                queryset=Obligation.objects.confirmed().order_by("kind"),
                to_attr="confirmed_obligations",
            )
        )
        .order_by("delegate__delegation__state__un_name", "priority", "applied_at")
    )
    earlier = set(
        Application.objects.filter(status=Application.Status.ACCEPTED)
        .exclude(programme=programme)
        .filter(programme__meeting__starts_on__lt=programme.meeting.starts_on)
        .values_list("delegate__delegation__state", flat=True)
    )
    for row in rows:
        row.state_sponsored_before = row.delegate.delegation.state_id in earlier
    return rows


@dataclass
class Breakdown:
    title: str
    counts: list[tuple[str, int]]


def offered_breakdowns(applications: list[Application]) -> list[Breakdown]:
    """The set offered so far (offers open or accepted) by sex, regional group and kind
    of obligation, counted from the rows the page already holds."""
    offered = [a for a in applications if a.status in Application.COMMITTED]

    def count(title, choices, key):
        counter = Counter(key(a) for a in offered)
        return Breakdown(str(title), [(str(label), counter[value]) for value, label in choices])

    return [
        count(_("By sex"), Delegate.Gender.choices, lambda a: a.delegate.gender),
        count(
            _("By UN regional group"),
            [*State.RegionalGroup.choices, ("", _("No group"))],
            lambda a: a.delegate.delegation.state.regional_group,
        ),
        count(
            _("By kind of obligation"),
            [*Obligation.Kind.choices, (NO_OBLIGATION, _("None given"))],
            lambda a: a.obligation.kind if a.obligation_id else NO_OBLIGATION,
        ),
    ]


def spent(programme: Programme) -> Decimal:
    """The cost of the tickets issued and their allowances."""
    totals = Application.objects.filter(
        programme=programme, travel__issued_at__isnull=False
    ).aggregate(t=Sum("travel__ticket_cost_chf"), a=Sum("travel__allowance_chf"))
    return (totals["t"] or 0) + (totals["a"] or 0)


# The coordinator's report ---------------------------------------------------------

STAGES = ["applied", "offered", "accepted", "travelled", "attended", "spoke"]
OFFERED = [
    Application.Status.OFFERED,
    Application.Status.ACCEPTED,
    Application.Status.OFFER_DECLINED,
    Application.Status.OFFER_LAPSED,
]


def _stage_labels():
    return {
        "applied": _("Applied"),
        "offered": _("Offered"),
        "accepted": _("Accepted"),
        "travelled": _("Travelled"),
        "attended": _("Attended"),
        "spoke": _("Spoke or sent a statement"),
    }


@dataclass
class ReportTable:
    title: str
    rows: list[tuple[str, list[int]]]


@dataclass
class Report:
    stages: list[str]
    totals: list[int]
    tables: list[ReportTable] = field(default_factory=list)
    committed: Decimal = Decimal(0)
    spent: Decimal = Decimal(0)
    budget: Decimal = Decimal(0)


def report_rows(programme: Programme) -> list[dict]:
    """One row per application with its stages, in one query (the figures of the
    report, computed whatever the personal data deleted: none of it is read)."""
    meeting = programme.meeting
    came = Checkin.objects.filter(delegate=OuterRef("delegate"), checkin_list__meeting=meeting)
    items = (
        Obligation.objects.confirmed()
        .filter(state=OuterRef(OuterRef("delegate__delegation__state")))
        .values("kind")
    )
    spoke = InterventionRequest.objects.filter(
        speaker=OuterRef("delegate"), spoke=True, agenda_item__obligation_kind__in=items
    )
    statement = Statement.objects.filter(
        delegation=OuterRef("delegate__delegation"), agenda_item__obligation_kind__in=items
    )
    return list(
        Application.objects.filter(programme=programme)
        .annotate(came=Exists(came), spoke=Exists(spoke), statement=Exists(statement))
        .values(
            "status",
            "came",
            "spoke",
            "statement",
            "travel__issued_at",
            "delegate__gender",
            "delegate__age_band",
            "delegate__delegation__state__regional_group",
            "obligation__kind",
        )
        .order_by()
    )


def stages_of(row: dict) -> list[bool]:
    accepted = row["status"] == Application.Status.ACCEPTED
    travelled = accepted and row["travel__issued_at"] is not None
    attended = travelled and row["came"]
    return [
        True,
        row["status"] in OFFERED,
        accepted,
        travelled,
        attended,
        attended and (row["spoke"] or row["statement"]),
    ]


def report(programme: Programme) -> Report:
    rows = report_rows(programme)
    per_row = [(row, stages_of(row)) for row in rows]

    def table(title, choices, key) -> ReportTable:
        out = []
        for value, label in choices:
            sums = [0] * len(STAGES)
            for row, stages in per_row:
                if key(row) == value:
                    sums = [s + int(flag) for s, flag in zip(sums, stages, strict=True)]
            out.append((str(label), sums))
        return ReportTable(str(title), out)

    labels = _stage_labels()
    totals = [sum(int(stages[i]) for _row, stages in per_row) for i in range(len(STAGES))]
    return Report(
        stages=[str(labels[s]) for s in STAGES],
        totals=totals,
        tables=[
            table(_("By sex"), Delegate.Gender.choices, lambda r: r["delegate__gender"]),
            table(_("By age group"), Delegate.AgeBand.choices, lambda r: r["delegate__age_band"]),
            table(
                _("By UN regional group"),
                [*State.RegionalGroup.choices, ("", _("No group"))],
                lambda r: r["delegate__delegation__state__regional_group"],
            ),
            table(
                _("By kind of obligation"),
                [*Obligation.Kind.choices, (None, _("None given"))],
                lambda r: r["obligation__kind"],
            ),
        ],
        committed=services.committed(programme),
        spent=spent(programme),
        budget=programme.budget_chf,
    )


def is_sponsored() -> Exists:
    """Whether a Delegate row's sponsorship offer was accepted (the figures' own line),
    for Delegate.objects.annotate()."""
    return Exists(
        Application.objects.filter(delegate=OuterRef("pk"), status=Application.Status.ACCEPTED)
    )
