"""Staff downloads: the venue's security list (the security liaison alone), the
accessibility needs, and a nomination's file. Each download is in the audit log."""

from django.http import FileResponse
from django.shortcuts import get_object_or_404

from intersessional.staff import attachment, staff_page
from programme.queries import current_meeting

from . import lists, services, uploads
from .models import Nomination

SECURITY_LIST = "accreditation.export_security_list"
ACCESS_NEEDS = "accreditation.view_accessneeds"
NOMINATIONS = "accreditation.view_nomination"


@staff_page(SECURITY_LIST)
def security_list(request):
    meeting = current_meeting()
    content, rows = lists.security_list(meeting)
    services.venue_list_downloaded(
        meeting=meeting, by=request.user, rows=rows, kind="security list"
    )
    return attachment(
        content, content_type=lists.XLSX, filename=f"security-list-{meeting.slug}.xlsx"
    )


@staff_page(ACCESS_NEEDS)
def access_needs_list(request):
    meeting = current_meeting()
    content, rows = lists.access_needs_list(meeting)
    services.venue_list_downloaded(
        meeting=meeting, by=request.user, rows=rows, kind="accessibility needs"
    )
    return attachment(
        content, content_type=lists.XLSX, filename=f"access-needs-{meeting.slug}.xlsx"
    )


@staff_page(NOMINATIONS)
def nomination_file(request, pk):
    """The file as a download, never shown from the site's origin (as floor serves a
    statement): an attachment, no type sniffing, a sandbox, no cache."""
    nomination = get_object_or_404(Nomination, pk=pk)
    services.nomination_downloaded(nomination=nomination, by=request.user)
    response = FileResponse(
        nomination.file.open("rb"),
        as_attachment=True,
        filename=nomination.download_name,
        content_type=uploads.CONTENT_TYPES[nomination.file_type],
    )
    response["X-Content-Type-Options"] = "nosniff"
    response["Content-Security-Policy"] = "sandbox; default-src 'none'"
    response["Cache-Control"] = "private, no-store"
    return response
