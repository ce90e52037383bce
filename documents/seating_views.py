"""The seating staff page: the draw by lot, the seating plan in seat order, and the
plan and nameplates as PDFs rendered by a worker."""

from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_POST

from intersessional.staff import staff_context, staff_member_required, staff_page
from programme.queries import current_meeting

from . import seating, services
from .models import SeatingDraw, SeatingJob

VIEW = "documents.view_seatingdraw"
DRAW = "documents.add_seatingdraw"


def _post(perm):
    def decorate(view):
        return require_POST(
            never_cache(
                staff_member_required(permission_required(perm, raise_exception=True)(view))
            )
        )

    return decorate


@staff_page(VIEW)
def seating_page(request):
    meeting = current_meeting()
    draw = SeatingDraw.objects.filter(meeting=meeting).select_related("state", "drawn_by").first()
    context = {
        "meeting": meeting,
        "draw": draw,
        "seats": seating.seating(meeting, draw.state) if draw else [],
        "jobs": SeatingJob.objects.filter(draw=draw).order_by("-created_at")[:6] if draw else [],
    }
    return render(request, "documents/seating.html", staff_context(request, **context))


@_post(DRAW)
def seating_draw(request):
    services.seating_draw(meeting=current_meeting(), by=request.user)
    return redirect("staff:seating")


@_post(DRAW)
def seating_prepare(request, kind: str):
    draw = SeatingDraw.objects.filter(meeting=current_meeting()).first()
    if draw is None:
        raise Http404(_("Draw the lot first."))
    job = services.seating_job_request(draw=draw, kind=kind, by=request.user)
    return redirect("staff:seating-job", pk=job.pk)


@staff_page(VIEW)
def seating_job(request, pk: int):
    job = get_object_or_404(SeatingJob.objects.select_related("draw__state"), pk=pk)
    return render(request, "documents/seating_job.html", staff_context(request, job=job))


@staff_page(VIEW)
def seating_download(request, pk: int):
    job = get_object_or_404(SeatingJob, pk=pk)
    if job.status != SeatingJob.Status.DONE or not job.file:
        raise Http404(_("This document is not ready."))
    return FileResponse(
        job.file.open("rb"),
        as_attachment=True,
        filename=f"{job.kind}-{job.draw_id}.pdf",
        content_type="application/pdf",
    )
