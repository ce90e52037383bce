"""The List of Participants as CSV, XLSX and PDF.

Each writer takes the lines from `queries.list_of_participants` and a file opened
by the caller, so the same code serves the staff pages, the management command and
the worker (the PDF, which takes seconds at 10,000 delegates, is always rendered by
a worker: see `services.export_job_request`).
"""

import csv
import io
import logging
from typing import BinaryIO, TextIO

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from intersessional.documents import neutralise, no_fetching
from programme.models import Meeting

from .queries import Participant, grouped

FORMATS = {
    "csv": "text/csv; charset=utf-8",
    "xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
    "pdf": "application/pdf",
}


def columns(*, public: bool) -> list[tuple[str, str]]:
    """(header, attribute) of each column; the internal list adds what the public must not see."""
    shown = [
        (_("Category"), "category_label"),
        (_("Delegation"), "delegation"),
        (_("Role"), "role_label"),
        (_("Title"), "title"),
        (_("Given name"), "given_name"),
        (_("Family name"), "family_name"),
        (_("Function"), "function"),
    ]
    if not public:
        shown += [
            (_("E-mail"), "email"),
            (_("Status"), "status_label"),
            (_("In the public list"), "consent_label"),
            (_("Nomination"), "nomination_label"),
        ]
    return shown


def _cells(participant: Participant, attributes: list[str]) -> list[str]:
    cells = []
    for attribute in attributes:
        if attribute == "consent_label":
            value = _("yes") if participant.public_list_consent else _("no")
        else:
            value = getattr(participant, attribute)
        cells.append(neutralise(str(value)))
    return cells


def write_csv(participants: list[Participant], out: TextIO, *, public: bool) -> None:
    """UTF-8 with a byte order mark, so that Excel reads names in any script."""
    shown = columns(public=public)
    attributes = [attribute for _, attribute in shown]
    out.write("\ufeff")
    writer = csv.writer(out)
    writer.writerow([neutralise(str(header)) for header, _ in shown])
    for participant in participants:
        writer.writerow(_cells(participant, attributes))


def write_xlsx(participants: list[Participant], out: BinaryIO | str, *, public: bool) -> None:
    import xlsxwriter

    shown = columns(public=public)
    attributes = [attribute for _, attribute in shown]
    # constant_memory writes each row to a temporary file as it goes: flat memory at any
    # size. Rows must then be written in order, which they are.
    workbook = xlsxwriter.Workbook(
        out,
        {
            "constant_memory": True,
            "strings_to_formulas": False,
            "strings_to_urls": False,
            "strings_to_numbers": False,
        },
    )
    sheet = workbook.add_worksheet(_("Participants")[:31])
    bold = workbook.add_format({"bold": True})
    widths = {"delegation": 36, "email": 32, "function": 30, "category_label": 28}
    for col, attribute in enumerate(attributes):
        sheet.set_column(col, col, widths.get(attribute, 16))
    sheet.freeze_panes(1, 0)
    for col, (header, _attribute) in enumerate(shown):
        sheet.write_string(0, col, neutralise(str(header)), bold)
    for row, participant in enumerate(participants, start=1):
        for col, value in enumerate(_cells(participant, attributes)):
            # write_string, never write(): no value becomes a formula, number or link.
            sheet.write_string(row, col, value)
    sheet.autofilter(0, 0, len(participants), len(attributes) - 1)
    workbook.close()


def write_pdf(
    participants: list[Participant],
    out: BinaryIO | str,
    *,
    meeting: Meeting,
    public: bool,
    attended: bool = False,
) -> None:
    """The list as a document, to publish or internal (for the ISU; with `attended` its
    heading says it lists only those who came). Built for speed: one small block per
    delegation in two CSS columns, no <table> (a WeasyPrint table of 10,000 rows takes
    about a minute)."""
    from weasyprint import CSS, HTML

    # WeasyPrint logs a line per page at INFO: 200 lines in the worker's log per export.
    logging.getLogger("weasyprint.progress").setLevel(logging.WARNING)
    fetcher = no_fetching()
    html = render_to_string(
        "documents/participants_pdf.html",
        {
            "meeting": meeting,
            "public": public,
            "attended": attended,
            "categories": grouped(participants),
            "total": len(participants),
        },
    )
    stylesheet = CSS(
        string=render_to_string("documents/participants_pdf.css", {"public": public}),
        url_fetcher=fetcher,
    )
    HTML(string=html, url_fetcher=fetcher, base_url=None).write_pdf(out, stylesheets=[stylesheet])


def export(
    participants, out, *, fmt: str, meeting: Meeting, public: bool, attended: bool = False
) -> None:
    """Write `participants` in `fmt` to a binary file. `attended` says, in the PDF's
    heading, that the lines are those who came (the caller has limited them)."""
    if fmt == "csv":
        text = io.TextIOWrapper(out, encoding="utf-8", newline="", write_through=True)
        write_csv(participants, text, public=public)
        text.flush()
        text.detach()
    elif fmt == "xlsx":
        write_xlsx(participants, out, public=public)
    elif fmt == "pdf":
        write_pdf(participants, out, meeting=meeting, public=public, attended=attended)
    else:
        raise ValueError(f"Unknown format: {fmt}")


def filename(
    meeting: Meeting, *, fmt: str, public: bool, attended: bool = False, language: str = "en"
) -> str:
    kind = "public" if public else "internal"
    came = "-attended" if attended else ""
    # The English list keeps its name of before; another language says which.
    suffix = "" if language == "en" else f"-{language}"
    return f"participants-{meeting.slug}-{kind}{came}{suffix}.{fmt}"
