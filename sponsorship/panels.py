"""What sponsorship adds to a delegate's private-link page (registered in apps.py; see
registration/extensions.py): apply, or where the application stands."""

from django.template.loader import render_to_string
from django.urls import reverse

from intersessional import clock

from . import services
from .models import Application


def sponsorship(request, *, page, obj, token) -> str:
    if page != "delegate":
        return ""
    programme = services.programme_for(obj.meeting)
    if programme is None:
        return ""
    application = Application.objects.filter(delegate=obj).first()
    if application is None and services.ineligibility(programme, obj, clock.now()):
        return ""
    return render_to_string(
        "sponsorship/_panel.html",
        {
            "programme": programme,
            "application": application,
            "apply_url": reverse("sponsorship:apply", args=[token]),
        },
        request=request,
    )
