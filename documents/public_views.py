"""The public side of visa letters and certificates: the verification page a consulate
or a funder opens from the QR code, and the delegate's pages through their private
link (ask for a letter, download it, download the certificate) and the e-mail's link."""

from datetime import date

from django.conf import settings
from django.contrib import messages
from django.http import Http404, HttpResponse
from django.shortcuts import redirect, render
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_safe

from accreditation.forms import IdentityDetailsForm
from accreditation.services import identity_details_of
from intersessional.ratelimit import client_ip, hit
from registration import links
from registration.models import Delegate

from . import letters, services
from .forms import VisaLetterForm
from .models import Certificate, VisaLetter

SHOWN = (VisaLetter.Status.ISSUED, VisaLetter.Status.REVOKED)


def _limited(request) -> int:
    """Seconds to wait when this address has opened too many verification pages in the
    window (0: go on): the codes are unguessable, and the limit makes trying them slower
    still. A cache that is down lets the page through."""
    limit = settings.VERIFY_PER_MINUTE
    if limit <= 0:
        return 0
    try:
        allowed, retry_after = hit(f"verify:{client_ip(request)}", limit=limit, window=60)
    except Exception:
        return 0
    return 0 if allowed else retry_after


def _private(response):
    # The code is in the address: no referrer carries it away, no search engine keeps it.
    response["Referrer-Policy"] = "no-referrer"
    response["X-Robots-Tag"] = "noindex"
    response["Cache-Control"] = "private, no-store"
    return response


@require_safe
def verify(request, code):
    """Genuine or revoked, for whom, for which meeting: nothing more."""
    retry_after = _limited(request)
    if retry_after:
        response = render(
            request, "documents/verify_limited.html", {"retry_after": retry_after}, status=429
        )
        response["Retry-After"] = str(retry_after)
        return response
    document = None
    if len(code) <= 40:
        document = (
            VisaLetter.objects.filter(code=code, status__in=SHOWN)
            .select_related("delegate__meeting")
            .first()
        ) or (
            Certificate.objects.filter(code=code)
            .exclude(status=Certificate.Status.QUEUED)
            .select_related(
                "delegate__meeting",
                "delegate__delegation__state",
                "delegate__delegation__organisation",
            )
            .first()
        )
    if document is None:
        return _private(render(request, "documents/verify.html", {"found": False}, status=404))
    is_letter = isinstance(document, VisaLetter)
    meeting = document.delegate.meeting
    context = {
        "found": True,
        "is_letter": is_letter,
        "document": document,
        "revoked": document.status == "revoked",
        "meeting": meeting,
        "name": document.holder_name if is_letter else document.delegate.full_name,
        "nationality": letters.state_name(document.nationality, request.LANGUAGE_CODE)
        if is_letter
        else "",
        "delegation": "" if is_letter else document.delegate.delegation.name,
        "days": [] if is_letter else [date.fromisoformat(day) for day in document.days],
    }
    return _private(render(request, "documents/verify.html", context))


def _delegate(token) -> Delegate:
    delegate = links.find_or_404(Delegate, token)
    if delegate.status not in services.ACTIVE:
        raise Http404(_("This registration is no longer active."))
    return delegate


def _pdf(data: bytes, filename: str) -> HttpResponse:
    response = HttpResponse(data, content_type="application/pdf")
    response["Content-Disposition"] = f'attachment; filename="{filename}"'
    response["Cache-Control"] = "private, no-store"
    response["X-Content-Type-Options"] = "nosniff"
    return response


@require_http_methods(["GET", "POST"])
def visa_letter(request, token):
    """Ask for a visa support letter, see where it stands, download it."""
    delegate = _delegate(token)
    letter = services.current_visa_letter(delegate)
    identity = identity_details_of(delegate)
    initial = {"language": "fr" if delegate.language == "fr" else "en"}
    if letter is not None:
        initial.update(
            consulate=letter.consulate,
            arrives_on=letter.arrives_on,
            departs_on=letter.departs_on,
            language=letter.language,
        )
    form = VisaLetterForm(request.POST or None, initial=initial, meeting=delegate.meeting)
    # The identity details are given once: filled in with what was given before.
    identity_form = IdentityDetailsForm(request.POST or None, details=identity)
    can_ask = letter is None or letter.status == VisaLetter.Status.REQUESTED
    # Both forms validated, whatever the first says, so every error shows at once.
    valid = request.method == "POST" and all([form.is_valid(), identity_form.is_valid()])
    if valid and can_ask:
        try:
            services.visa_letter_request(
                delegate=delegate, identity=identity_form.cleaned_data, **form.cleaned_data
            )
        except services.DocumentRefused as error:
            form.add_error(error.field if error.field in form.fields else None, error.message)
        else:
            messages.success(
                request,
                _("Your request is received. The ISU checks it; the letter then comes by e-mail."),
            )
            return redirect(request.path)
    return render(
        request,
        "documents/visa_letter.html",
        {
            "meeting": delegate.meeting,
            "delegate": delegate,
            "letter": letter,
            "form": form,
            "identity_form": identity_form,
            "can_ask": can_ask,
            "token": token,
            "back": links.path(Delegate, token),
        },
    )


@require_safe
def visa_letter_download(request, token):
    """The issued letter through the delegate's private link."""
    delegate = _delegate(token)
    letter = services.current_visa_letter(delegate)
    if letter is None or letter.status != VisaLetter.Status.ISSUED:
        raise Http404(_("No visa support letter has been issued to you."))
    return _pdf(services.visa_letter_pdf(letter=letter), f"visa-letter-{letter.pk}.pdf")


@require_safe
def visa_letter_link(request, token):
    """The issued letter through the link of the e-mail that brought it."""
    letter = links.find_or_404(VisaLetter, token)
    if letter.status != VisaLetter.Status.ISSUED:
        raise Http404(_("This letter was revoked: it is no longer valid."))
    return _pdf(services.visa_letter_pdf(letter=letter), f"visa-letter-{letter.pk}.pdf")


@require_safe
def certificate_download(request, token):
    """The certificate of attendance, issued at the first download after the meeting."""
    delegate = _delegate(token)
    certificate = services.certificate_for(delegate=delegate)
    if certificate is None:
        raise Http404(_("There is no certificate of attendance for you."))
    with certificate.pdf.open("rb") as f:
        return _pdf(f.read(), f"certificate-{certificate.pk}.pdf")
