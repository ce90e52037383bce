"""What accreditation adds to registration's private-link pages (registered in apps.py;
see registration/extensions.py). No query: the rows the pages already hold say enough
(the delegate's photo is fetched with the delegate), and the pages behind the links
show the details."""

from django.template.loader import render_to_string
from django.urls import reverse

from registration.models import Delegate

from .models import Photo
from .services import ACTIVE


def nomination_link(request, *, page, obj, token) -> str:
    """Where the focal point, or the head of delegation, sends the nomination."""
    if page == "delegate" and (obj.status not in ACTIVE or obj.role != Delegate.Role.HEAD):
        return ""
    return render_to_string(
        "accreditation/_nomination_panel.html",
        {"url": reverse(f"accreditation:{page}-nomination", args=[token])},
        request=request,
    )


def accreditation_link(request, *, page, obj, token) -> str:
    """Accessibility needs, and identity details when the meeting asks for them."""
    if page != "delegate" or obj.status not in ACTIVE:
        return ""
    return render_to_string(
        "accreditation/_accreditation_panel.html",
        {
            "url": reverse("accreditation:delegate-accreditation", args=[token]),
            "asks_identity": obj.meeting.asks_identity_details,
        },
        request=request,
    )


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
