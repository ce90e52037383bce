"""The gender and diversity figures that the President's letter asks for.

Aggregate queries, whatever the number of delegates: one count of active
delegates grouped by category, gender, age band, role and whether they came (checked
in at the door on any list of the meeting), from which every breakdown is summed
here, one for the delegations with no woman, one for the speakers on the speakers'
lists, one for the delegations that registered and did not come and one for the
scans refused at the door. "Prefer not
to say" is a column of its own: counted as such, never guessed, and part of every
total, so a share of women is of all delegates, not only of those who answered.
"""

import io
from collections import Counter
from dataclasses import dataclass, field

from django.db.models import Count, Exists, OuterRef, Q
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy

from accreditation.models import AccessNeeds
from checkin.models import Checkin, FailedScan
from documents.queries import CATEGORY_ORDER
from intersessional.documents import alphabetical, neutralise
from programme.models import Meeting
from registration.models import Category, Delegate, Delegation, InterventionRequest

ACTIVE = [Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED]


@dataclass(frozen=True)
class Cell:
    label: str
    count: int
    total: int

    @property
    def share(self) -> float:
        """Percentage of the row's total; 0 for an empty row."""
        return 100 * self.count / self.total if self.total else 0.0

    @property
    def bar(self) -> int:
        """The share rounded to a whole percent, for the CSS bar's width class."""
        return round(self.share)


@dataclass(frozen=True)
class Row:
    label: str
    cells: list[Cell]

    @property
    def total(self) -> int:
        return sum(cell.count for cell in self.cells)


@dataclass(frozen=True)
class Table:
    title: str
    columns: list[str]
    rows: list[Row]


@dataclass(frozen=True)
class DelegationWithoutWomen:
    name: str
    category: str
    members: int
    undisclosed: int


@dataclass(frozen=True)
class BesideCell:
    """One answer (a gender, an age group): how many registered, how many came."""

    label: str
    registered: int
    attended: int
    attended_total: int

    @property
    def share(self) -> float:
        """Share of those who came (of the row's attendees)."""
        return 100 * self.attended / self.attended_total if self.attended_total else 0.0

    @property
    def rate(self) -> float:
        """Of those registered with this answer, the percentage who came."""
        return 100 * self.attended / self.registered if self.registered else 0.0


@dataclass(frozen=True)
class BesideRow:
    label: str
    cells: list[BesideCell]

    @property
    def registered(self) -> int:
        return sum(cell.registered for cell in self.cells)

    @property
    def attended(self) -> int:
        return sum(cell.attended for cell in self.cells)


@dataclass(frozen=True)
class Beside:
    """Attendance beside registration: the same breakdown, counted twice."""

    title: str
    columns: list[str]
    rows: list[BesideRow]


def beside(title, registered: Table, attended: Table) -> Beside:
    rows = []
    for reg_row, att_row in zip(registered.rows, attended.rows, strict=True):
        total = att_row.total
        rows.append(
            BesideRow(
                reg_row.label,
                [
                    BesideCell(reg.label, reg.count, att.count, total)
                    for reg, att in zip(reg_row.cells, att_row.cells, strict=True)
                ],
            )
        )
    return Beside(str(title), registered.columns, rows)


@dataclass(frozen=True)
class AbsentDelegation:
    name: str
    category: str
    members: int


@dataclass
class Figures:
    total: int
    by_gender: Table
    by_age_band: Table
    heads_by_gender: Table
    share_of_women: list[Cell]
    no_woman: list[DelegationWithoutWomen]
    speakers_by_gender: Table | None = None
    tables: list[Table] = field(default_factory=list)
    # Who came: everyone checked in at the door on any list of the meeting.
    attended: int = 0
    attendance: list[Beside] = field(default_factory=list)
    absent: list[AbsentDelegation] = field(default_factory=list)
    refused: list[tuple[str, int]] = field(default_factory=list)
    # Accessibility needs, counted without names (accreditation).
    access_needs: list[tuple[str, int]] = field(default_factory=list)


def _table(title, counts: Counter, key: str, choices, *, rows_for) -> Table:
    """A table of `counts` (keyed by (category, gender, age_band, role)) by the choice
    at `key`; one row for every category and a first one for all of them."""
    position = {"gender": 1, "age_band": 2}[key]

    def row(label, keep) -> Row:
        per_choice = Counter()
        for group, n in counts.items():
            if keep(group):
                per_choice[group[position]] += n
        total = sum(per_choice.values())
        return Row(str(label), [Cell(str(lbl), per_choice[v], total) for v, lbl in choices])

    return Table(
        str(title),
        [str(label) for _, label in choices],
        [row(label, keep) for label, keep in rows_for],
    )


def _rows(only=lambda group: True):
    """The all-categories row then one row per category, each filtered by `only`."""
    return [
        (gettext_lazy("All categories"), only),
        *[
            (label, lambda group, c=value: group[0] == c and only(group))
            for value, label in Category.choices
        ],
    ]


def speakers_by_gender(meeting: Meeting) -> Table:
    """Speakers on the speakers' lists by gender (each request for the floor counts
    once), overall and per category, in one aggregate query."""
    counts = Counter(
        {
            (
                row["delegation__category"],
                row["speaker__gender"],
                row["speaker__age_band"],
                row["speaker__role"],
            ): row["n"]
            for row in InterventionRequest.objects.filter(
                delegation__meeting=meeting, speaker__status__in=ACTIVE
            )
            .values("delegation__category", "speaker__gender", "speaker__age_band", "speaker__role")
            .annotate(n=Count("id"))
            .order_by()
        }
    )
    return _table(
        gettext_lazy("Speakers on the speakers' lists by gender"),
        counts,
        "gender",
        Delegate.Gender.choices,
        rows_for=_rows(),
    )


def figures(meeting: Meeting) -> Figures:
    came = Exists(Checkin.objects.filter(delegate=OuterRef("pk"), checkin_list__meeting=meeting))
    counts = Counter()
    attended_counts = Counter()
    for row in (
        Delegate.objects.filter(meeting=meeting, status__in=ACTIVE)
        .annotate(came=came)
        .values("delegation__category", "gender", "age_band", "role", "came")
        .annotate(n=Count("id"))
        .order_by()
    ):
        group = (row["delegation__category"], row["gender"], row["age_band"], row["role"])
        counts[group] += row["n"]
        if row["came"]:
            attended_counts[group] += row["n"]
    by_gender = _table(
        _("Delegates by gender"), counts, "gender", Delegate.Gender.choices, rows_for=_rows()
    )
    by_age_band = _table(
        _("Delegates by age group"), counts, "age_band", Delegate.AgeBand.choices, rows_for=_rows()
    )
    heads_by_gender = _table(
        _("Heads of delegation by gender"),
        counts,
        "gender",
        Delegate.Gender.choices,
        rows_for=_rows(only=lambda group: group[3] == Delegate.Role.HEAD),
    )
    woman = Delegate.Gender.values.index(Delegate.Gender.WOMAN)
    share_of_women = [Cell(row.label, row.cells[woman].count, row.total) for row in by_gender.rows]

    active = Q(delegates__status__in=ACTIVE)
    delegations = (
        Delegation.objects.filter(meeting=meeting)
        .select_related("state", "organisation")
        .annotate(
            members=Count("delegates", filter=active),
            women=Count("delegates", filter=active & Q(delegates__gender=Delegate.Gender.WOMAN)),
            undisclosed=Count(
                "delegates", filter=active & Q(delegates__gender=Delegate.Gender.UNDISCLOSED)
            ),
        )
        .filter(members__gt=0, women=0)
    )
    no_woman = [
        DelegationWithoutWomen(d.name, str(Category(d.category).label), d.members, d.undisclosed)
        for d in sorted(
            delegations, key=lambda d: (CATEGORY_ORDER[d.category], alphabetical(d.name))
        )
    ]
    speakers = speakers_by_gender(meeting)
    tables = [by_gender, by_age_band, heads_by_gender, speakers]
    attendance = [
        beside(
            _("Attendance by gender"),
            by_gender,
            _table("", attended_counts, "gender", Delegate.Gender.choices, rows_for=_rows()),
        ),
        beside(
            _("Attendance by age group"),
            by_age_band,
            _table("", attended_counts, "age_band", Delegate.AgeBand.choices, rows_for=_rows()),
        ),
        beside(
            _("Heads of delegation, attendance by gender"),
            heads_by_gender,
            _table(
                "",
                attended_counts,
                "gender",
                Delegate.Gender.choices,
                rows_for=_rows(only=lambda group: group[3] == Delegate.Role.HEAD),
            ),
        ),
    ]
    return Figures(
        total=by_gender.rows[0].total,
        by_gender=by_gender,
        by_age_band=by_age_band,
        heads_by_gender=heads_by_gender,
        share_of_women=share_of_women,
        no_woman=no_woman,
        speakers_by_gender=speakers,
        tables=tables,
        attended=sum(attended_counts.values()),
        attendance=attendance,
        absent=absent_delegations(meeting),
        refused=refused_scans(meeting),
        access_needs=access_needs(meeting),
    )


def absent_delegations(meeting: Meeting) -> list[AbsentDelegation]:
    """Delegations with someone registered or confirmed of whom no one checked in, in
    the List of Participants' order. One query."""
    came = Checkin.objects.filter(
        checkin_list__meeting=meeting, delegate__delegation=OuterRef("pk")
    )
    delegations = (
        Delegation.objects.filter(meeting=meeting)
        .select_related("state", "organisation")
        .annotate(members=Count("delegates", filter=Q(delegates__status__in=ACTIVE)))
        .filter(members__gt=0)
        .filter(~Exists(came))
    )
    return [
        AbsentDelegation(d.name, str(Category(d.category).label), d.members)
        for d in sorted(
            delegations, key=lambda d: (CATEGORY_ORDER[d.category], alphabetical(d.name))
        )
    ]


def access_needs(meeting: Meeting) -> list[tuple[str, int]]:
    """How many active delegates asked for each kind of help (one query, no name). The
    retention rule keeps the answers (and a marker for "other"): the counts stay."""
    counts = AccessNeeds.objects.filter(
        delegate__meeting=meeting, delegate__status__in=ACTIVE
    ).aggregate(
        wheelchair=Count("pk", filter=Q(wheelchair=True)),
        support_person=Count("pk", filter=Q(support_person=True)),
        sign_language=Count("pk", filter=Q(sign_language=True)),
        other=Count("pk", filter=~Q(other="")),
    )
    return [
        (_("Wheelchair access"), counts["wheelchair"]),
        (_("Support person"), counts["support_person"]),
        (_("Sign language interpretation"), counts["sign_language"]),
        (_("Other needs"), counts["other"]),
    ]


def refused_scans(meeting: Meeting) -> list[tuple[str, int]]:
    """Scans refused at the door, by reason (one query)."""
    per = dict(
        FailedScan.objects.filter(checkin_list__meeting=meeting)
        .values_list("reason")
        .annotate(n=Count("id"))
        .order_by()
    )
    return [(str(label), per.get(value, 0)) for value, label in FailedScan.Reason.choices]


def figures_xlsx(result: Figures) -> bytes:
    """The figures as a workbook: one sheet per table, then the share of women and the
    delegations with no woman. Small: built in memory."""
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
    )
    bold = workbook.add_format({"bold": True})
    percent = workbook.add_format({"num_format": "0.0%"})

    def text(sheet, row, col, value, fmt=None):
        sheet.write_string(row, col, neutralise(str(value)), fmt)

    for number, table in enumerate(result.tables, start=1):
        sheet = workbook.add_worksheet(f"{number} {table.title}"[:31])
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 2 * len(table.columns) + 1, 12)
        text(sheet, 0, 0, table.title, bold)
        text(sheet, 1, 0, _("Category"), bold)
        for i, column in enumerate(table.columns):
            text(sheet, 1, 1 + 2 * i, column, bold)
            text(sheet, 1, 2 + 2 * i, _("%(column)s (share)") % {"column": column}, bold)
        text(sheet, 1, 1 + 2 * len(table.columns), _("Total"), bold)
        for r, row in enumerate(table.rows, start=2):
            text(sheet, r, 0, row.label)
            for i, cell in enumerate(row.cells):
                sheet.write_number(r, 1 + 2 * i, cell.count)
                sheet.write_number(r, 2 + 2 * i, cell.share / 100, percent)
            sheet.write_number(r, 1 + 2 * len(table.columns), row.total)

    for number, table in enumerate(result.attendance, start=len(result.tables) + 1):
        sheet = workbook.add_worksheet(f"{number} {table.title}"[:31])
        sheet.set_column(0, 0, 34)
        sheet.set_column(1, 3 * len(table.columns) + 2, 12)
        text(sheet, 0, 0, table.title, bold)
        text(sheet, 1, 0, _("Category"), bold)
        for i, column in enumerate(table.columns):
            text(sheet, 1, 1 + 3 * i, _("%(column)s registered") % {"column": column}, bold)
            text(sheet, 1, 2 + 3 * i, _("%(column)s came") % {"column": column}, bold)
            text(
                sheet,
                1,
                3 + 3 * i,
                _("%(column)s (share of those who came)") % {"column": column},
                bold,
            )
        last = 1 + 3 * len(table.columns)
        text(sheet, 1, last, _("Registered"), bold)
        text(sheet, 1, last + 1, _("Came"), bold)
        for r, row in enumerate(table.rows, start=2):
            text(sheet, r, 0, row.label)
            for i, cell in enumerate(row.cells):
                sheet.write_number(r, 1 + 3 * i, cell.registered)
                sheet.write_number(r, 2 + 3 * i, cell.attended)
                sheet.write_number(r, 3 + 3 * i, cell.share / 100, percent)
            sheet.write_number(r, last, row.registered)
            sheet.write_number(r, last + 1, row.attended)

    sheet = workbook.add_worksheet(_("Registered, did not come")[:31])
    sheet.set_column(0, 1, 40)
    sheet.set_column(2, 2, 18)
    for col, header in enumerate([_("Delegation"), _("Category"), _("Delegates")]):
        text(sheet, 0, col, header, bold)
    for r, delegation in enumerate(result.absent, start=1):
        text(sheet, r, 0, delegation.name)
        text(sheet, r, 1, delegation.category)
        sheet.write_number(r, 2, delegation.members)

    sheet = workbook.add_worksheet(_("Accessibility needs")[:31])
    sheet.set_column(0, 0, 40)
    for col, header in enumerate([_("Need"), _("Delegates")]):
        text(sheet, 0, col, header, bold)
    for r, (label, count) in enumerate(result.access_needs, start=1):
        text(sheet, r, 0, label)
        sheet.write_number(r, 1, count)

    sheet = workbook.add_worksheet(_("Refused at the door")[:31])
    sheet.set_column(0, 0, 50)
    for col, header in enumerate([_("Reason"), _("Scans")]):
        text(sheet, 0, col, header, bold)
    for r, (label, count) in enumerate(result.refused, start=1):
        text(sheet, r, 0, label)
        sheet.write_number(r, 1, count)

    sheet = workbook.add_worksheet(_("Share of women")[:31])
    sheet.set_column(0, 0, 34)
    sheet.set_column(1, 3, 14)
    for col, header in enumerate([_("Category"), _("Women"), _("Delegates"), _("Share")]):
        text(sheet, 0, col, header, bold)
    for r, cell in enumerate(result.share_of_women, start=1):
        text(sheet, r, 0, cell.label)
        sheet.write_number(r, 1, cell.count)
        sheet.write_number(r, 2, cell.total)
        sheet.write_number(r, 3, cell.share / 100, percent)

    sheet = workbook.add_worksheet(_("No woman")[:31])
    sheet.set_column(0, 1, 40)
    sheet.set_column(2, 3, 18)
    headers = [_("Delegation"), _("Category"), _("Delegates"), _("Prefer not to say")]
    for col, header in enumerate(headers):
        text(sheet, 0, col, header, bold)
    for r, delegation in enumerate(result.no_woman, start=1):
        text(sheet, r, 0, delegation.name)
        text(sheet, r, 1, delegation.category)
        sheet.write_number(r, 2, delegation.members)
        sheet.write_number(r, 3, delegation.undisclosed)

    workbook.close()
    return buffer.getvalue()
