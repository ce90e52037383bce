"""The coordinator's report as a workbook and a PDF, in the language active when they
are made (English or French: the staff page's `?lang=fr`). Both small: built in memory,
in the request."""

import io

from django.template.loader import render_to_string
from django.utils.translation import gettext as _

from intersessional.documents import neutralise, no_fetching

from .queries import Report


def report_xlsx(report: Report, meeting) -> bytes:
    import xlsxwriter

    buffer = io.BytesIO()
    workbook = xlsxwriter.Workbook(
        buffer, {"strings_to_formulas": False, "strings_to_urls": False, "in_memory": True}
    )
    bold = workbook.add_format({"bold": True})
    money = workbook.add_format({"num_format": "#,##0.00"})
    sheet = workbook.add_worksheet(_("Sponsorship")[:31])
    sheet.set_column(0, 0, 40)
    sheet.set_column(1, len(report.stages), 14)

    def text(row, col, value, fmt=None):
        sheet.write_string(row, col, neutralise(str(value)), fmt)

    text(0, 0, _("Sponsorship Programme: %(meeting)s") % {"meeting": meeting.title}, bold)
    row = 2
    text(row, 0, _("All sponsorship applications"), bold)
    for i, stage in enumerate(report.stages, start=1):
        text(row, i, stage, bold)
    row += 1
    text(row, 0, _("Total"))
    for i, n in enumerate(report.totals, start=1):
        sheet.write_number(row, i, n)
    for table in report.tables:
        row += 2
        text(row, 0, table.title, bold)
        for i, stage in enumerate(report.stages, start=1):
            text(row, i, stage, bold)
        for label, counts in table.rows:
            row += 1
            text(row, 0, label)
            for i, n in enumerate(counts, start=1):
                sheet.write_number(row, i, n)
    row += 2
    for label, value in (
        (_("Budget (CHF)"), report.budget),
        (_("Committed (CHF)"), report.committed),
        (_("Spent (CHF)"), report.spent),
    ):
        text(row, 0, label, bold)
        sheet.write_number(row, 1, float(value), money)
        row += 1
    workbook.close()
    return buffer.getvalue()


def report_pdf(report: Report, meeting, language: str) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        "sponsorship/report_pdf.html",
        {"report": report, "meeting": meeting, "language": language},
    )
    return HTML(string=html, url_fetcher=no_fetching()).write_pdf()
