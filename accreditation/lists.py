"""The venue's lists as XLSX: the security list (identity details, for the security
liaison alone) and the accessibility needs. Every cell written as text."""

import io
from dataclasses import dataclass

from django.utils.translation import gettext as _

from intersessional.documents import neutralise
from programme.models import Meeting
from reference.models import State

from .models import AccessNeeds, IdentityDetails

XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
ACTIVE = ["registered", "confirmed"]


@dataclass(frozen=True)
class Sheet:
    title: str
    headers: list[str]
    rows: list[list[str]]


def _xlsx(sheet: Sheet) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer,
        {"strings_to_formulas": False, "strings_to_urls": False, "strings_to_numbers": False},
    )
    worksheet = workbook.add_worksheet(sheet.title[:31])
    bold = workbook.add_format({"bold": True})
    worksheet.freeze_panes(1, 0)
    for col, header in enumerate(sheet.headers):
        worksheet.set_column(col, col, 24)
        worksheet.write_string(0, col, neutralise(header), bold)
    for row, cells in enumerate(sheet.rows, start=1):
        for col, value in enumerate(cells):
            worksheet.write_string(row, col, neutralise(str(value)))
    worksheet.autofilter(0, 0, len(sheet.rows), len(sheet.headers) - 1)
    workbook.close()
    return buffer.getvalue()


def _delegate_cells(delegate) -> list[str]:
    return [delegate.delegation.name, delegate.family_name, delegate.given_name]


def security_list(meeting: Meeting) -> tuple[bytes, int]:
    """Every active delegate with their identity details (a row even without, so that
    the venue sees who is missing). Two queries at any size."""
    states = dict(State.objects.values_list("alpha3", "un_name"))
    rows = []
    details = (
        IdentityDetails.objects.filter(delegate__meeting=meeting, delegate__status__in=ACTIVE)
        .select_related("delegate__delegation__state", "delegate__delegation__organisation")
        .order_by("delegate__family_name", "delegate__given_name", "pk")
    )
    for d in details:
        rows.append(
            [
                *_delegate_cells(d.delegate),
                d.name_in_document,
                states.get(d.nationality, d.nationality),
                d.date_of_birth.isoformat(),
                d.get_document_type_display(),
                d.document_number,
                d.document_expires_on.isoformat(),
            ]
        )
    sheet = Sheet(
        title=_("Security list"),
        headers=[
            _("Delegation"),
            _("Family name"),
            _("Given name"),
            _("Name as in the passport or identity card"),
            _("Nationality"),
            _("Date of birth"),
            _("Type of document"),
            _("Document number"),
            _("Document valid until"),
        ],
        rows=rows,
    )
    return _xlsx(sheet), len(rows)


def _yes(value: bool) -> str:
    return _("Yes") if value else ""


def access_needs_list(meeting: Meeting) -> tuple[bytes, int]:
    """Every active delegate who asked for something, with what. One query."""
    needs = (
        AccessNeeds.objects.filter(delegate__meeting=meeting, delegate__status__in=ACTIVE)
        .select_related("delegate__delegation__state", "delegate__delegation__organisation")
        .order_by("delegate__family_name", "delegate__given_name", "pk")
    )
    rows = [
        [
            *_delegate_cells(n.delegate),
            _yes(n.wheelchair),
            _yes(n.support_person),
            _yes(n.sign_language),
            n.other,
        ]
        for n in needs
        if n.any
    ]
    sheet = Sheet(
        title=_("Accessibility needs"),
        headers=[
            _("Delegation"),
            _("Family name"),
            _("Given name"),
            _("Wheelchair access"),
            _("Support person"),
            _("Sign language interpretation"),
            _("Other needs"),
        ],
        rows=rows,
    )
    return _xlsx(sheet), len(rows)
