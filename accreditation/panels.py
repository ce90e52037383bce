"""What accreditation adds to registration's private-link pages (registered in apps.py;
see registration/extensions.py)."""

from django.template.loader import render_to_string
from django.urls import reverse

from .models import Photo
from .services import ACTIVE


def photo_panel(request, *, page, obj, token) -> str:
    """The delegate's photo for the badge: its status, and where to send one."""
    if page != "delegate" or obj.status not in ACTIVE:
        return ""
    photo = Photo.objects.filter(delegate=obj).only("status", "rejection_reason").first()
    return render_to_string(
        "accreditation/_photo_panel.html",
        {"photo": photo, "url": reverse("accreditation:delegate-photo", args=[token])},
        request=request,
    )
