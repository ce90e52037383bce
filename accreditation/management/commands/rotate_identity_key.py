"""Re-encrypt every identity detail with the first of IDENTITY_ENCRYPTION_KEYS.

Rotation (docs/operations.md): make a key with `--new-key`, put it first in
IDENTITY_ENCRYPTION_KEYS (the old one after it), restart, run this command, then
remove the old key. Until the command has run, both keys are needed."""

from cryptography.fernet import Fernet
from django.apps import apps
from django.core.management.base import BaseCommand
from django.db import connection, transaction

from accreditation import fields


def encrypted_columns():
    """(model, [column names]) for every model with an encrypted field."""
    for model in apps.get_models():
        columns = [
            field.column
            for field in model._meta.concrete_fields
            if isinstance(field, fields.EncryptedTextField | fields.EncryptedDateField)
        ]
        if columns:
            yield model, columns


class Command(BaseCommand):
    help = "Re-encrypt every identity detail with the first key; --new-key prints a new key."

    def add_arguments(self, parser):
        parser.add_argument("--new-key", action="store_true", help="Print a new key and stop.")

    def handle(self, *args, new_key=False, **options):
        if new_key:
            self.stdout.write(Fernet.generate_key().decode())
            return
        rotated = 0
        with transaction.atomic():
            for model, columns in encrypted_columns():
                # The tokens themselves, not the model's decrypted values: rotate()
                # keeps each token's timestamp and needs no knowledge of the field types.
                table = connection.ops.quote_name(model._meta.db_table)
                names = ", ".join(connection.ops.quote_name(c) for c in columns)
                with connection.cursor() as cursor:
                    cursor.execute(f"SELECT id, {names} FROM {table} FOR UPDATE")  # noqa: S608
                    rows = cursor.fetchall()
                    for pk, *tokens in rows:
                        new = [fields.rotate(t) if t else t for t in tokens]
                        assignments = ", ".join(
                            f"{connection.ops.quote_name(c)} = %s" for c in columns
                        )
                        cursor.execute(
                            f"UPDATE {table} SET {assignments} WHERE id = %s",  # noqa: S608
                            [*new, pk],
                        )
                        rotated += 1
        self.stdout.write(f"Re-encrypted {rotated} rows with the first key.")
