"""The delegate's accreditation pages through the private links: the nomination of the
delegation (its focal point or head), the identity details and accessibility needs
(each delegate), and the photo for the badge. Thin: forms validate, services write.

The photo page is reached through a delegate's private link
(/registration/<token>/photo/) and through the link of the e-mail that rejected a photo
(/photo/<token>/), the same page: the photo's status, the photo as sent, and the form to
send one. The photo itself is served only to its delegate here, to staff in the admin
and to the door."""

from django.contrib import messages
from django.http import FileResponse, Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from registration import links
from registration.models import Delegate, Delegation

from . import services
from .forms import AccessNeedsForm, IdentityDetailsForm, NominationForm, PhotoForm
from .models import Photo

ACTIVE = services.ACTIVE


def _active_delegate(token) -> Delegate:
    delegate = links.find_or_404(Delegate, token)
    if delegate.status not in ACTIVE:
        raise Http404(_("This registration is no longer active."))
    return delegate


@require_http_methods(["GET", "POST"])
def delegate_accreditation(request, token):
    """Identity details (when the meeting asks for them) and accessibility needs: two
    forms, each sent on its own (`part`), each giving back what was typed."""
    delegate = _active_delegate(token)
    meeting = delegate.meeting
    asks_identity = meeting.asks_identity_details
    details = services.identity_details_of(delegate) if asks_identity else None
    needs = services.access_needs_of(delegate)
    part = request.POST.get("part") if request.method == "POST" else None
    identity_form = (
        IdentityDetailsForm(
            request.POST if part == "identity" else None, details=details, prefix="identity"
        )
        if asks_identity
        else None
    )
    needs_form = AccessNeedsForm(
        request.POST if part == "needs" else None, needs=needs, prefix="needs"
    )
    if part == "identity" and identity_form is not None and identity_form.is_valid():
        services.give_identity_details(delegate=delegate, data=identity_form.cleaned_data)
        messages.success(request, _("Thank you: your identity details are saved."))
        return redirect(request.path)
    if part == "needs" and needs_form.is_valid():
        services.give_access_needs(delegate=delegate, data=needs_form.cleaned_data)
        messages.success(request, _("Thank you: your accessibility needs are saved."))
        return redirect(request.path)
    return render(
        request,
        "accreditation/delegate_accreditation.html",
        {
            "meeting": meeting,
            "delegate": delegate,
            "identity_form": identity_form,
            "identity_given": details is not None,
            "needs_form": needs_form,
            "back": links.path(Delegate, token),
        },
        status=400 if part and request.method == "POST" else 200,
    )


def _delegation(kind: str, token: str) -> tuple[Delegation, str]:
    if kind == "delegation":
        delegation = links.find_or_404(Delegation, token)
        return delegation, links.path(Delegation, token)
    delegate = _active_delegate(token)
    if delegate.role != Delegate.Role.HEAD:
        raise Http404(_("The head of delegation or the focal point sends the nomination."))
    return delegate.delegation, links.path(Delegate, token)


@require_http_methods(["GET", "POST"])
def nomination(request, kind, token):
    """The delegation's nominations sent so far, their status, and the form to send one."""
    delegation, back = _delegation(kind, token)
    form = NominationForm(request.POST or None, request.FILES or None, delegation=delegation)
    if request.method == "POST" and form.is_valid():
        try:
            services.nomination_upload(
                delegation=delegation,
                upload=form.cleaned_data["file"],
                members=form.cleaned_data["members"],
            )
        except services.UploadRefused as error:
            form.add_error("file", error.message)
        else:
            messages.success(
                request,
                _("Thank you: the nomination is received. The ISU will check it."),
            )
            return redirect(request.path)
    sent = list(delegation.nominations.order_by("-uploaded_at", "-pk"))
    return render(
        request,
        "accreditation/nomination.html",
        {
            "meeting": delegation.meeting,
            "delegation": delegation,
            "form": form,
            "nominations": sent,
            "back": back,
        },
        status=400 if request.method == "POST" else 200,
    )


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
