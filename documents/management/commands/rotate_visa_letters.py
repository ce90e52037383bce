"""Re-encrypt every stored visa letter PDF with the first of IDENTITY_ENCRYPTION_KEYS.

The letters' rows are re-encrypted by `rotate_identity_key` with every other encrypted
column; their PDFs are files, re-encrypted here. Run both before the old key is
removed (docs/operations.md)."""

from django.core.management.base import BaseCommand

from accreditation.fields import fernet
from documents.models import VisaLetter


class Command(BaseCommand):
    help = "Re-encrypt the visa letters' PDF files with the first identity key."

    def handle(self, *args, **options):
        rotated = 0
        for letter in VisaLetter.objects.exclude(pdf="").iterator():
            with letter.pdf.open("rb") as f:
                token = f.read()
            # The same name, the same content: only the key that encrypts it changes.
            with letter.pdf.storage.open(letter.pdf.name, "wb") as f:
                f.write(fernet().rotate(token))
            rotated += 1
        self.stdout.write(f"Re-encrypted {rotated} visa letters with the first key.")
