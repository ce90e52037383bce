"""Pages for signed-in staff: the index of the staff pages and the List of Participants.

Anyone not signed in as staff is sent to the admin's login page; staff without the
permission get 403. Nothing here writes.
"""

import io

from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils import translation
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from intersessional.languages import LIST_LANGUAGES
from intersessional.staff import attachment, staff_context, staff_member_required, staff_page
from programme.queries import current_meeting

from . import exports, queries, services
from .models import ExportJob

EXPORT = "registration.export_participants"
# Formats too slow for a web request at 10,000 delegates: a worker renders them.
WORKER_FORMATS = {"pdf"}


@staff_page()
def index(request):
    return render(
        request,
        "staff/index.html",
        staff_context(request, meeting=current_meeting(), formats=list(exports.FORMATS)),
    )


@staff_page(EXPORT)
def participants(request, fmt: str):
    """The List of Participants in `fmt`; `?public=1` for the version to publish.

    CSV and XLSX are rendered in the request (under a second for 10,000 delegates);
    the PDF takes seconds, so this page asks a worker for it (see `export_request`)."""
    meeting = current_meeting()
    public = request.GET.get("public") == "1"
    # `?attended=1`: the internal list of those who came (checked in at the door).
    attended = _attended(request.GET, public=public)
    language = _list_language(request.GET)
    if fmt in WORKER_FORMATS:
        jobs = ExportJob.objects.filter(meeting=meeting, fmt=fmt, public=public, attended=attended)[
            :5
        ]
        return render(
            request,
            "documents/export_request.html",
            staff_context(
                request,
                meeting=meeting,
                fmt=fmt,
                public=public,
                attended=attended,
                jobs=jobs,
                language=language,
            ),
        )
    buffer = io.BytesIO()
    # The headings, the categories and the delegations' names and order in its language.
    with translation.override(language):
        exports.export(
            queries.list_of_participants(
                meeting, public=public, attended=attended, language=language
            ),
            buffer,
            fmt=fmt,
            meeting=meeting,
            public=public,
        )
    return attachment(
        buffer.getvalue(),
        content_type=exports.FORMATS[fmt],
        filename=exports.filename(
            meeting, fmt=fmt, public=public, attended=attended, language=language
        ),
    )


def _attended(data, *, public: bool) -> bool:
    """Whether the list asked for is limited to those who came; never the public one
    (who came is the ISU's to know)."""
    return not public and data.get("attended") == "1"


def _list_language(data) -> str:
    """The List of Participants' language asked for (?lang=fr), English otherwise."""
    language = data.get("lang", "en")
    return language if language in LIST_LANGUAGES else "en"


@require_POST
@never_cache
@staff_member_required
@permission_required(EXPORT, raise_exception=True)
def export_request(request, fmt: str):
    """Ask a worker for the PDF; then follow it on its own page."""
    public = request.POST.get("public") == "1"
    job = services.export_job_request(
        meeting=current_meeting(),
        fmt=fmt,
        public=public,
        attended=_attended(request.POST, public=public),
        language=_list_language(request.POST),
        by=request.user,
    )
    return redirect("staff:export-job", pk=job.pk)


@staff_page(EXPORT)
def export_job(request, pk: int):
    job = get_object_or_404(ExportJob.objects.select_related("meeting"), pk=pk)
    return render(request, "documents/export_job.html", staff_context(request, job=job))


@staff_page(EXPORT)
def export_download(request, pk: int):
    job = get_object_or_404(ExportJob.objects.select_related("meeting"), pk=pk)
    if job.status != ExportJob.Status.DONE or not job.file:
        raise Http404(_("This export is not ready."))
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=exports.filename(
            job.meeting,
            fmt=job.fmt,
            public=job.public,
            attended=job.attended,
            language=job.language,
        ),
        content_type=exports.FORMATS[job.fmt],
    )
