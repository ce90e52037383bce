"""Visa letters hold identity details (the holder's name and nationality, and a PDF
with the passport's number and the date of birth): they are deleted with the identity
details, IDENTITY_DETAILS_RETENTION_DAYS after the meeting's last day, before the rest
of the retention (privacy/parts.py takes the certificates and what is left)."""

from datetime import timedelta

from django.conf import settings
from django.db import transaction

from intersessional import clock, dates

from .models import VisaLetter


def visa_letters_delete_expired() -> int:
    """Delete the letters (rows and PDF files) of every meeting that ended more than
    IDENTITY_DETAILS_RETENTION_DAYS ago. Idempotent; run daily by beat. Returns how
    many. The verification page then knows the code no more."""
    today = dates.geneva(clock.now()).date()
    cutoff = today - timedelta(days=settings.IDENTITY_DETAILS_RETENTION_DAYS)
    with transaction.atomic():
        letters = list(VisaLetter.objects.filter(delegate__meeting__ends_on__lt=cutoff))
        files = [(letter.pdf.storage, letter.pdf.name) for letter in letters if letter.pdf]
        VisaLetter.objects.filter(pk__in=[letter.pk for letter in letters]).delete()
        # The files go once the rows are gone for good.
        transaction.on_commit(lambda: [storage.delete(name) for storage, name in files])
    return len(letters)
