"""Pages for signed-in staff: the List of Participants, the figures and the coverage.

Anyone not signed in as staff is sent to the admin's login page; staff without the
permission get 403. Nothing here writes.
"""

import io

from django.contrib import admin
from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_POST

from programme.queries import current_meeting

from . import exports, queries, services, statistics
from .models import ExportJob

EXPORT = "registration.export_participants"
FIGURES = "registration.view_figures"
COVERAGE = "registration.view_delegation"
# Formats too slow for a web request at 10,000 delegates: a worker renders them.
WORKER_FORMATS = {"pdf"}


def staff_page(perm: str | None = None):
    """Signed-in staff only (others go to the admin login), holding `perm` (else 403);
    never cached, since every page here carries personal data or figures."""

    def decorate(view):
        if perm:
            view = permission_required(perm, raise_exception=True)(view)
        return require_GET(never_cache(staff_member_required(view)))

    return decorate


def _context(request, **extra):
    # The admin's own context: header, user tools and the "view site" link.
    return {**admin.site.each_context(request), **extra}


def _attachment(content: bytes, *, content_type: str, filename: str) -> HttpResponse:
    response = HttpResponse(content, content_type=content_type)
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    return response


@staff_page()
def index(request):
    return render(
        request,
        "registration/staff/index.html",
        _context(request, meeting=current_meeting(), formats=list(exports.FORMATS)),
    )


@staff_page(EXPORT)
def participants(request, fmt: str):
    """The List of Participants in `fmt`; `?public=1` for the version to publish.

    CSV and XLSX are rendered in the request (under a second for 10,000 delegates);
    the PDF takes seconds, so this page asks a worker for it (see `export_request`)."""
    meeting = current_meeting()
    public = request.GET.get("public") == "1"
    if fmt in WORKER_FORMATS:
        jobs = ExportJob.objects.filter(meeting=meeting, fmt=fmt, public=public)[:5]
        return render(
            request,
            "registration/staff/export_request.html",
            _context(request, meeting=meeting, fmt=fmt, public=public, jobs=jobs),
        )
    buffer = io.BytesIO()
    exports.export(
        queries.list_of_participants(meeting, public=public),
        buffer,
        fmt=fmt,
        meeting=meeting,
        public=public,
    )
    return _attachment(
        buffer.getvalue(),
        content_type=exports.FORMATS[fmt],
        filename=exports.filename(meeting, fmt=fmt, public=public),
    )


@staff_page(FIGURES)
def figures(request):
    meeting = current_meeting()
    return render(
        request,
        "registration/staff/figures.html",
        _context(request, meeting=meeting, figures=statistics.figures(meeting)),
    )


@staff_page(FIGURES)
def figures_xlsx(request):
    meeting = current_meeting()
    return _attachment(
        statistics.figures_xlsx(statistics.figures(meeting)),
        content_type=exports.FORMATS["xlsx"],
        filename=f"figures-{meeting.slug}.xlsx",
    )


@staff_page(COVERAGE)
def coverage(request):
    meeting = current_meeting()
    parties, non_parties = queries.states_without_delegates(meeting)
    return render(
        request,
        "registration/staff/coverage.html",
        _context(request, meeting=meeting, parties=parties, non_parties=non_parties),
    )


@require_POST
@never_cache
@staff_member_required
@permission_required(EXPORT, raise_exception=True)
def export_request(request, fmt: str):
    """Ask a worker for the PDF; then follow it on its own page."""
    job = services.export_job_request(
        meeting=current_meeting(),
        fmt=fmt,
        public=request.POST.get("public") == "1",
        by=request.user,
    )
    return redirect("staff:export-job", pk=job.pk)


@staff_page(EXPORT)
def export_job(request, pk: int):
    job = get_object_or_404(ExportJob.objects.select_related("meeting"), pk=pk)
    return render(request, "registration/staff/export_job.html", _context(request, job=job))


@staff_page(EXPORT)
def export_download(request, pk: int):
    job = get_object_or_404(ExportJob.objects.select_related("meeting"), pk=pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404(_("This export is not ready."))
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=exports.filename(job.meeting, fmt=job.fmt, public=job.public),
        content_type=exports.FORMATS[job.fmt],
    )
