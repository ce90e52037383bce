"""The bilateral invitation's private-link pages: answer it, and take the accepted
meeting into a calendar."""

from django.contrib import messages
from django.http import Http404, HttpResponse, HttpResponseBadRequest
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods

from programme.calendar import CONTENT_TYPE, event_calendar, uid_for
from registration import links
from registration.services import RegistrationError

from . import services
from .models import BilateralInvitation


@require_http_methods(["GET", "POST"])
def bilateral(request, token):
    """The invited delegation accepts or declines its bilateral meeting."""
    invitation = links.find_or_404(BilateralInvitation, token)
    if request.method == "POST":
        answer = request.POST.get("answer")
        if answer not in ("accept", "decline"):
            return HttpResponseBadRequest(_("Answer with the page's buttons."))
        accept = answer == "accept"
        try:
            recorded = services.bilateral_answer(invitation=invitation, accept=accept)
        except RegistrationError as error:
            messages.error(request, error.message)
            return redirect("floor:bilateral", token=token)
        if recorded:
            messages.success(
                request,
                _("Thank you: the meeting is confirmed.")
                if accept
                else _("Thank you: the invitation is declined."),
            )
        else:
            messages.info(request, _("This invitation was already answered."))
        return redirect("floor:bilateral", token=token)
    return render(
        request,
        "floor/bilateral.html",
        {"meeting": invitation.slot.meeting, "invitation": invitation, "token": token},
    )


def bilateral_calendar(request, token):
    """The accepted meeting as an iCalendar file."""
    invitation = links.find_or_404(BilateralInvitation, token)
    if invitation.status != BilateralInvitation.Status.ACCEPTED:
        raise Http404(_("Only an accepted meeting goes into a calendar."))
    slot, meeting = invitation.slot, invitation.slot.meeting
    ics = event_calendar(
        uid=uid_for("bilateral", invitation.pk, meeting_slug=meeting.slug),
        summary=_("Bilateral meeting with %(host)s") % {"host": slot.host_name},
        starts_at=slot.starts_at,
        ends_at=slot.ends_at,
        location=", ".join(filter(None, [slot.room, meeting.venue_name, meeting.venue_address])),
        description=invitation.delegation.name,
    )
    response = HttpResponse(ics, content_type=CONTENT_TYPE)
    response["Content-Disposition"] = 'attachment; filename="bilateral-meeting.ics"'
    return response
