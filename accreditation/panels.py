"""What accreditation adds to registration's private-link pages (registered in apps.py;
see registration/extensions.py)."""

from django.template.loader import render_to_string
from django.urls import reverse

from .models import Photo
from .services import ACTIVE


def photo_panel(request, *, page, obj, token) -> str:
    """The delegate's photo for the badge: its status, and where to send one. No query
    on the private-link page: the photo comes with the delegate (apps.py)."""
    if page != "delegate" or obj.status not in ACTIVE:
        return ""
    try:
        photo = obj.photo
    except Photo.DoesNotExist:
        photo = None
    return render_to_string(
        "accreditation/_photo_panel.html",
        {"photo": photo, "url": reverse("accreditation:delegate-photo", args=[token])},
        request=request,
    )
