"""Staff-only downloads of badges. The files live in private storage and are served
only through these views, after the permission check."""

from django.contrib.admin.views.decorators import staff_member_required
from django.contrib.auth.decorators import permission_required
from django.http import FileResponse, Http404, HttpResponse
from django.shortcuts import get_object_or_404
from django.utils.translation import gettext as _

from registration.models import Delegate

from . import services
from .models import BadgeBatch

PRINT_BADGES = "documents.view_badgebatch"


@staff_member_required
@permission_required(PRINT_BADGES, raise_exception=True)
def batch_download(request, pk):
    batch = get_object_or_404(BadgeBatch, pk=pk)
    if batch.status != BadgeBatch.Status.DONE or not batch.pdf:
        raise Http404(_("This batch is not ready."))
    return FileResponse(batch.pdf.open("rb"), as_attachment=True, filename=f"badges-{batch.pk}.pdf")


@staff_member_required
@permission_required(PRINT_BADGES, raise_exception=True)
def delegate_badge(request, pk):
    delegate = get_object_or_404(
        Delegate.objects.select_related("meeting", "delegation__state", "delegation__organisation"),
        pk=pk,
    )
    pdf = services.badge_pdf_for(delegate=delegate)
    response = HttpResponse(pdf, content_type="application/pdf")
    response["Content-Disposition"] = f'inline; filename="badge-{delegate.pk}.pdf"'
    return response
