"""The photo pages: through a delegate's private link (/registration/<token>/photo/)
and through the link of the e-mail that rejected a photo (/photo/<token>/), the same
page: the photo's status, the photo as sent, and the form to send one. The photo
itself is served only to its delegate here, to staff in the admin and to the door."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from registration import links
from registration.models import Delegate

from . import services
from .forms import PhotoForm
from .models import Photo


def _delegate(kind: str, token: str) -> tuple[Delegate, Photo | None]:
    """The delegate behind a private link of `kind`, and their photo (None: not yet)."""
    if kind == "link":
        photo = links.find_or_404(Photo, token)
        return photo.delegate, photo
    delegate = links.find_or_404(Delegate, token)
    try:
        return delegate, delegate.photo  # fetched with the delegate (apps.py)
    except Photo.DoesNotExist:
        return delegate, None


def _url(kind: str, name: str, token: str) -> str:
    return reverse(f"accreditation:{kind}-{name}", args=[token])


def photo_response(file) -> FileResponse:
    """A stored photo (an open file), shown inline, never kept by a cache or sniffed."""
    response = FileResponse(file, content_type="image/jpeg", filename="photo.jpg")
    response["X-Content-Type-Options"] = "nosniff"
    response["Cache-Control"] = "private, no-store"
    return response


@require_http_methods(["GET", "POST"])
def photo_page(request, kind, token):
    delegate, photo = _delegate(kind, token)
    if delegate.status not in services.ACTIVE:
        raise Http404(_("This registration is no longer active."))
    form = PhotoForm(request.POST or None, request.FILES or None)
    if request.method == "POST" and form.is_valid():
        try:
            services.photo_upload(delegate=delegate, upload=form.cleaned_data["image"])
        except services.PhotoRefused as error:
            form.add_error("image", error.message)
        else:
            messages.success(
                request, _("Thank you: your photo is received. The ISU will check it.")
            )
            return redirect(request.path)
    return render(
        request,
        "accreditation/photo.html",
        {
            "meeting": delegate.meeting,
            "delegate": delegate,
            "photo": photo,
            "form": form,
            "image_url": _url(kind, "photo-image", token) if photo else "",
            "back": links.path(Delegate, token) if kind == "delegate" else "",
        },
    )


@require_safe
def photo_image(request, kind, token):
    """The delegate's own photo, as the ISU received it."""
    _delegate_, photo = _delegate(kind, token)
    if photo is None or not photo.image:
        raise Http404(_("No photo has been sent."))
    return photo_response(photo.image.open("rb"))
