"""The staff pages of the figures: gender and diversity, and the States' coverage.

Anyone not signed in as staff is sent to the admin's login page; staff without the
permission get 403. Nothing here writes.
"""

from django.shortcuts import render

from documents.exports import FORMATS
from intersessional.staff import attachment, staff_context, staff_page
from programme.queries import current_meeting

from . import queries, tables

FIGURES = "registration.view_figures"
COVERAGE = "registration.view_delegation"


@staff_page(FIGURES)
def figures(request):
    meeting = current_meeting()
    return render(
        request,
        "figures/figures.html",
        staff_context(request, meeting=meeting, figures=tables.figures(meeting)),
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
