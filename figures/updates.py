"""The ISU's view of the updates the programme invites (issue 13): each obligated State,
whether it registered, is on the speakers' list for its items, and sent, delivered and
published its statement; and the two shares the President's letter asks for, over all
statements. A fixed number of queries, whatever the number of States."""

import io
from dataclasses import dataclass
from datetime import date

from django.db.models import Count, Q
from django.utils.translation import gettext as _

from floor.models import Statement
from intersessional.documents import alphabetical, neutralise
from programme.models import AgendaItem, Meeting
from reference.models import Obligation
from registration.models import Delegate, Delegation, InterventionRequest

from .tables import Cell


@dataclass(frozen=True)
class UpdateRow:
    state: str
    obligation: str
    kind: str
    deadline: date | None
    confirmed: bool
    confidence: str
    items: str
    registered: bool
    on_list: bool
    received: bool
    delivered: bool
    published: bool


def update_rows(meeting: Meeting) -> list[UpdateRow]:
    """One row per obligation (confirmed or not: staff see both), by obligation then
    State. Five queries."""
    obligations = list(Obligation.objects.select_related("state"))
    items: dict[str, list[AgendaItem]] = {}
    for item in AgendaItem.objects.filter(session__meeting=meeting).exclude(obligation_kind=""):
        items.setdefault(item.obligation_kind, []).append(item)
    delegations = {
        d.state_id: d
        for d in Delegation.objects.filter(meeting=meeting, state__isnull=False).annotate(
            active=Count(
                "delegates",
                filter=Q(
                    delegates__status__in=[Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED]
                ),
            )
        )
    }
    tagged = [item.pk for kind_items in items.values() for item in kind_items]
    on_lists = set(
        InterventionRequest.objects.filter(agenda_item_id__in=tagged).values_list(
            "delegation_id", "agenda_item_id"
        )
    )
    statements: dict[tuple[int, int], list[tuple]] = {}
    for delegation_id, item_id, delivered, published in Statement.objects.filter(
        agenda_item_id__in=tagged
    ).values_list("delegation_id", "agenda_item_id", "delivered_at", "published_at"):
        statements.setdefault((delegation_id, item_id), []).append((delivered, published))

    rows = []
    order = list(Obligation.Kind)
    for obligation in sorted(
        obligations, key=lambda o: (order.index(o.kind), alphabetical(o.state.un_name))
    ):
        kind_items = items.get(obligation.kind, [])
        delegation = delegations.get(obligation.state_id)
        own = [
            s
            for item in kind_items
            for s in (statements.get((delegation.pk, item.pk), []) if delegation else [])
        ]
        rows.append(
            UpdateRow(
                state=obligation.state.un_name,
                obligation=str(obligation.get_kind_display()),
                kind=obligation.kind,
                deadline=obligation.deadline,
                confirmed=obligation.confirmed,
                confidence=str(obligation.get_confidence_display()),
                items=", ".join(str(item.number) for item in kind_items),
                registered=bool(delegation and delegation.active),
                on_list=bool(
                    delegation
                    and kind_items
                    and all((delegation.pk, item.pk) in on_lists for item in kind_items)
                ),
                received=bool(own),
                delivered=any(delivered for delivered, _p in own),
                published=any(published for _d, published in own),
            )
        )
    return rows


def statement_shares(meeting: Meeting) -> list[Cell]:
    """Over all statements sent for the meeting: the share that reflect gender and
    diversity, and the share that include sex- and age-disaggregated data. One query."""
    counts = Statement.objects.filter(delegation__meeting=meeting).aggregate(
        total=Count("id"),
        gender=Count("id", filter=Q(reflects_gender_and_diversity=True)),
        data=Count("id", filter=Q(includes_disaggregated_data=True)),
    )
    return [
        Cell(_("Reflect gender and diversity"), counts["gender"], counts["total"]),
        Cell(_("Include sex- and age-disaggregated data"), counts["data"], counts["total"]),
    ]


def updates_xlsx(rows: list[UpdateRow], shares: list[Cell]) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
    )
    bold = workbook.add_format({"bold": True})
    day = workbook.add_format({"num_format": "yyyy-mm-dd"})
    percent = workbook.add_format({"num_format": "0.0%"})
    yes, no = _("yes"), _("no")

    sheet = workbook.add_worksheet(_("Updates")[:31])
    headers = [
        _("State"),
        _("Obligation"),
        _("Deadline"),
        _("Confirmed by the ISU"),
        _("Confidence"),
        _("Agenda items"),
        _("Registered"),
        _("On the speakers' list"),
        _("Statement received"),
        _("Delivered"),
        _("Published"),
    ]
    sheet.set_column(0, 1, 34)
    sheet.set_column(2, len(headers) - 1, 14)
    for col, header in enumerate(headers):
        sheet.write_string(0, col, header, bold)
    for r, row in enumerate(rows, start=1):
        sheet.write_string(r, 0, neutralise(row.state))
        sheet.write_string(r, 1, row.obligation)
        if row.deadline:
            sheet.write_datetime(r, 2, row.deadline, day)
        sheet.write_string(r, 3, yes if row.confirmed else no)
        sheet.write_string(r, 4, row.confidence)
        sheet.write_string(r, 5, row.items)
        for col, flag in enumerate(
            [row.registered, row.on_list, row.received, row.delivered, row.published], start=6
        ):
            sheet.write_string(r, col, yes if flag else no)

    sheet = workbook.add_worksheet(_("Statements")[:31])
    sheet.set_column(0, 0, 44)
    sheet.set_column(1, 3, 14)
    for col, header in enumerate([_("Of all statements"), _("Count"), _("Statements"), _("Share")]):
        sheet.write_string(0, col, header, bold)
    for r, cell in enumerate(shares, start=1):
        sheet.write_string(r, 0, cell.label)
        sheet.write_number(r, 1, cell.count)
        sheet.write_number(r, 2, cell.total)
        sheet.write_number(r, 3, cell.share / 100, percent)
    workbook.close()
    return buffer.getvalue()
