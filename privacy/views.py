"""A person's own data, through their private link: download it, ask for erasure."""

import json

from django.contrib import messages
from django.core.serializers.json import DjangoJSONEncoder
from django.http import HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_GET, require_http_methods

from programme.queries import current_meeting
from registration import links
from registration.models import Delegate

from . import services


@never_cache
@require_GET
def personal_data(request, token):
    delegate = links.find_or_404(Delegate, token)
    data = services.personal_data(delegate=delegate)
    response = HttpResponse(
        json.dumps(data, cls=DjangoJSONEncoder, ensure_ascii=False, indent=2),
        content_type="application/json; charset=utf-8",
    )
    response["Content-Disposition"] = 'attachment; filename="my-registration-data.json"'
    return response


@require_http_methods(["GET", "POST"])
def ask_erasure(request, token):
    delegate = links.find_or_404(Delegate, token)
    if request.method == "GET":
        return render(
            request,
            "privacy/ask_erasure.html",
            {"meeting": delegate.meeting, "delegate": delegate, "token": token},
        )
    try:
        services.erasure_request(delegate=delegate)
    except services.AlreadyAsked:
        messages.info(request, _("You have already asked for erasure; the ISU will answer."))
    else:
        messages.success(
            request,
            _(
                "Your request for erasure is sent to the Implementation Support Unit. "
                "Once it is done, this link stops working."
            ),
        )
    return redirect("registration:delegate", token=token)


def notice(request):
    """The privacy notice in full (the forms and private-link pages show it in short)."""
    return render(request, "privacy/notice.html", {"meeting": current_meeting()})
