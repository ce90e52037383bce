"""Visa support letters and certificates of attendance as PDFs (WeasyPrint).

WeasyPrint never fetches anything: the letterhead, the signature and the QR code are
data: URIs made here from bytes the site holds, the CSS is inline, and the URL
fetcher refuses every other URL, so nothing a delegate typed (a consulate, a name)
can make it read a local file or reach the network.

A visa letter holds passport details: its PDF is stored encrypted with the identity
details' keys (accreditation/fields.py), and decrypted only to be downloaded.
"""

import base64
from datetime import date

import filetype
import segno
from django.conf import settings
from django.core.exceptions import ValidationError
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils import translation
from django.utils.translation import gettext as _

from accreditation.fields import fernet
from checkin.models import Checkin
from intersessional import dates
from intersessional.documents import no_fetching
from programme.models import Meeting
from reference.models import State
from registration.models import Delegate

from .models import Certificate, Letterhead, VisaLetter

MAX_IMAGE_BYTES = 2 * 1024 * 1024
IMAGE_TYPES = {"png": "image/png", "jpg": "image/jpeg"}


def image_type(upload) -> str:
    """The MIME type of an uploaded letterhead or signature, told from its bytes (PNG or
    JPEG), or a ValidationError in the reader's language."""
    if upload.size > MAX_IMAGE_BYTES:
        raise ValidationError(_("The image is larger than 2 MB."))
    upload.seek(0)
    kind = filetype.guess(upload.read(8192))
    upload.seek(0)
    if kind is None or kind.extension not in IMAGE_TYPES:
        raise ValidationError(
            _("This file is not a PNG or JPEG image (its content was checked, not its name).")
        )
    return IMAGE_TYPES[kind.extension]


def _image_uri(field) -> str:
    """A stored image as a data: URI, or "" (none, or not an image any more)."""
    if not field:
        return ""
    with field.open("rb") as f:
        data = f.read(MAX_IMAGE_BYTES + 1)
    kind = filetype.guess(data[:8192])
    if len(data) > MAX_IMAGE_BYTES or kind is None or kind.extension not in IMAGE_TYPES:
        return ""
    return f"data:{IMAGE_TYPES[kind.extension]};base64,{base64.b64encode(data).decode()}"


def seal(pdf: bytes) -> bytes:
    return fernet().encrypt(pdf)


def unseal(token: bytes) -> bytes:
    return fernet().decrypt(token)


def verify_url(code: str) -> str:
    """The verification page without a language prefix: the site sends each reader to
    it in their browser's language."""
    with translation.override(settings.LANGUAGE_CODE):
        path = reverse("documents:verify", args=[code])
    return settings.SITE_URL + path.removeprefix(f"/{settings.LANGUAGE_CODE}")


def _qr(url: str) -> str:
    return segno.make_qr(url, error="m", mask=0).png_data_uri(scale=4, border=0)


def reference_number(prefix: str, meeting: Meeting, pk: int) -> str:
    """«ISU/2018/VL/0042»: printed on the document and shown by the verification page."""
    return f"ISU/{meeting.starts_on.year}/{prefix}/{pk:04d}"


def _signatory(meeting: Meeting) -> dict:
    letterhead = Letterhead.objects.filter(meeting=meeting).first()
    if letterhead is None:
        return {"letterhead": "", "signature": "", "name": "", "function": ""}
    return {
        "letterhead": _image_uri(letterhead.letterhead),
        "signature": _image_uri(letterhead.signature),
        "name": letterhead.signatory_name,
        "function": letterhead.signatory_function,
    }


def _pdf(template: str, context: dict) -> bytes:
    from weasyprint import HTML

    html = render_to_string(
        template, {**context, "css": render_to_string("documents/letters/letters.css")}
    )
    return HTML(string=html, url_fetcher=no_fetching(data_uris=True)).write_pdf()


def state_name(alpha3: str, language: str) -> str:
    state = State.objects.filter(alpha3=alpha3).first()
    if state is None:
        return alpha3
    with translation.override(language):
        return state.un_name


def visa_letter_pdf(letter: VisaLetter, identity) -> bytes:
    """The letter in its language (English or French) from its approved snapshot and
    the delegate's identity details (`identity`: accreditation's IdentityDetails)."""
    delegate = letter.delegate
    meeting = delegate.meeting
    language = letter.language
    with translation.override(language):
        context = {
            "language": language,
            "letter": letter,
            "meeting": meeting,
            "delegation": delegate.delegation.name,
            "function": delegate.function,
            "holder": letter.holder_name,
            "nationality": state_name(letter.nationality, language),
            "born_on": dates.long_date(identity.date_of_birth, language),
            "document_is_passport": identity.document_type == "passport",
            "document_number": identity.document_number,
            "document_expires_on": dates.long_date(identity.document_expires_on, language),
            "issued_on": dates.long_date(letter.issued_at or letter.approved_at, language),
            "meeting_dates": dates.date_range(meeting.starts_on, meeting.ends_on, language),
            "arrives_on": dates.long_date(letter.arrives_on, language),
            "departs_on": dates.long_date(letter.departs_on, language),
            "verify_url": verify_url(letter.code),
            "qr": _qr(verify_url(letter.code)),
            "signatory": _signatory(meeting),
        }
        return _pdf("documents/letters/visa_letter.html", context)


def days_attended(delegate: Delegate) -> list[date]:
    """The days the door checked the delegate in at this meeting, in order."""
    return sorted(
        set(
            Checkin.objects.filter(
                delegate=delegate, checkin_list__meeting_id=delegate.meeting_id
            ).values_list("checkin_list__day", flat=True)
        )
    )


def certificate_pdf(certificate: Certificate) -> bytes:
    """The certificate in the delegate's language: the days attended, the code."""
    delegate = certificate.delegate
    meeting = delegate.meeting
    language = certificate.language
    with translation.override(language):
        context = {
            "language": language,
            "dir": "rtl" if translation.get_language_bidi() else "ltr",
            "certificate": certificate,
            "meeting": meeting,
            "name": delegate.full_name,
            "delegation": delegate.delegation.name,
            "days": [dates.long_date(date.fromisoformat(d), language) for d in certificate.days],
            "meeting_dates": dates.date_range(meeting.starts_on, meeting.ends_on, language),
            "issued_on": dates.long_date(certificate.issued_at, language),
            "verify_url": verify_url(certificate.code),
            "qr": _qr(verify_url(certificate.code)),
            "signatory": _signatory(meeting),
        }
        return _pdf("documents/letters/certificate.html", context)
