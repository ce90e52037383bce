"""The staff pages of the figures: gender and diversity, the States' coverage, and the
updates from the States with obligations.

Anyone not signed in as staff is sent to the admin's login page; staff without the
permission get 403. Nothing here writes.
"""

from django.shortcuts import render

from documents.exports import FORMATS
from intersessional.staff import attachment, staff_context, staff_page
from programme.queries import current_meeting

from . import queries, tables, updates

FIGURES = "registration.view_figures"
COVERAGE = "registration.view_delegation"
UPDATES = "floor.view_statement"


@staff_page(FIGURES)
def figures(request):
    meeting = current_meeting()
    return render(
        request,
        "figures/figures.html",
        staff_context(
            request,
            meeting=meeting,
            figures=tables.figures(meeting),
            shares=updates.statement_shares(meeting),
        ),
    )


@staff_page(FIGURES)
def figures_xlsx(request):
    meeting = current_meeting()
    return attachment(
        tables.figures_xlsx(tables.figures(meeting)),
        content_type=FORMATS["xlsx"],
        filename=f"figures-{meeting.slug}.xlsx",
    )


@staff_page(COVERAGE)
def coverage(request):
    meeting = current_meeting()
    parties, non_parties = queries.states_without_delegates(meeting)
    return render(
        request,
        "figures/coverage.html",
        staff_context(request, meeting=meeting, parties=parties, non_parties=non_parties),
    )


@staff_page(UPDATES)
def updates_view(request):
    meeting = current_meeting()
    return render(
        request,
        "figures/updates.html",
        staff_context(
            request,
            meeting=meeting,
            rows=updates.update_rows(meeting),
            shares=updates.statement_shares(meeting),
        ),
    )


@staff_page(UPDATES)
def updates_xlsx(request):
    meeting = current_meeting()
    return attachment(
        updates.updates_xlsx(updates.update_rows(meeting), updates.statement_shares(meeting)),
        content_type=FORMATS["xlsx"],
        filename=f"updates-{meeting.slug}.xlsx",
    )
