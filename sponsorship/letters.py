"""The sponsorship letter: a PDF (WeasyPrint) in the delegate's language that they can
show at the airport and the embassy, rendered by a worker (tasks.py) once the ticket is
issued, then e-mailed with the travel."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from intersessional import clock
from intersessional.documents import no_fetching
from registration import links

from .emails import email
from .models import Travel


def render_letter(travel: Travel) -> bytes:
    from weasyprint import HTML

    application = travel.application
    delegate = application.delegate
    with translation.override(delegate.language):
        html = render_to_string(
            "sponsorship/letter.html",
            {
                "travel": travel,
                "application": application,
                "delegate": delegate,
                "meeting": application.programme.meeting,
                "language": delegate.language,
                "rtl": translation.get_language_bidi(),
            },
        )
    return HTML(string=html, url_fetcher=no_fetching()).write_pdf()


def letter_make(travel: Travel) -> None:
    """Render, store, then e-mail the travel with a link to the letter."""
    pdf = render_letter(travel)
    with transaction.atomic():
        travel.letter.save("letter.pdf", ContentFile(pdf), save=False)
        Travel.objects.filter(pk=travel.pk).update(
            letter=travel.letter.name, letter_rendered_at=clock.now()
        )
        application = travel.application
        token = links.issue_token(application)
        application.save(update_fields=["access_token_hash"])
        email(application, "sponsorship_travel", token, travel=travel)
