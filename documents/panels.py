"""What documents adds to the delegate's private-link page (registered in apps.py; see
registration/extensions.py): the visa support letter and, after the meeting, the
certificate of attendance."""

from django.template.loader import render_to_string
from django.urls import reverse

from . import letters, services


def visa_letter_and_certificate(request, *, page, obj, token) -> str:
    if page != "delegate" or obj.status not in services.ACTIVE:
        return ""
    over = services.meeting_is_over(obj.meeting)
    return render_to_string(
        "documents/_delegate_panel.html",
        {
            "over": over,
            # One query, and only after the meeting: before it the panel runs none.
            "attended": over and bool(letters.days_attended(obj)),
            "letter_url": reverse("documents:visa-letter", args=[token]),
            "certificate_url": reverse("documents:certificate-pdf", args=[token]),
        },
        request=request,
    )
