"""Identity details are encrypted at rest: the column holds a Fernet token that says
nothing without the key, and the model gives the values back."""

import datetime
import io

import pytest
from cryptography.fernet import Fernet
from django.core.exceptions import ImproperlyConfigured
from django.core.management import call_command
from django.db import connection
from django.utils import timezone

from accreditation import fields
from accreditation.models import IdentityDetails
from tests.helpers import register

pytestmark = pytest.mark.django_db


def give_identity(delegate) -> IdentityDetails:
    now = timezone.now()
    return IdentityDetails.objects.create(
        delegate=delegate,
        name_in_document="DUPONT Marie Claire",
        nationality="FRA",
        date_of_birth=datetime.date(1980, 4, 16),
        document_type=IdentityDetails.DocumentType.PASSPORT,
        document_number="18AB34567",
        document_expires_on=datetime.date(2027, 1, 31),
        given_at=now,
        updated_at=now,
    )


def raw_row(details) -> tuple:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name_in_document, nationality, date_of_birth, document_number, "
            "document_expires_on FROM accreditation_identitydetails WHERE id = %s",
            [details.pk],
        )
        return cursor.fetchone()


def test_the_database_holds_no_identity_detail_in_clear(open_registration):
    delegate, _ = register(open_registration)
    details = give_identity(delegate)

    row = raw_row(details)

    for column in row:
        assert column.startswith("gAAAAA")  # a Fernet token, version byte 0x80
    text = " ".join(row)
    for secret in ["DUPONT", "FRA", "1980", "18AB34567", "2027"]:
        assert secret not in text


def test_the_model_reads_back_what_was_given(open_registration):
    delegate, _ = register(open_registration)
    give_identity(delegate)

    details = IdentityDetails.objects.get(delegate=delegate)

    assert details.document_number == "18AB34567"
    assert details.date_of_birth == datetime.date(1980, 4, 16)
    assert details.document_expires_on == datetime.date(2027, 1, 31)


def test_a_new_first_key_still_reads_old_values_and_rotates_them(open_registration, settings):
    delegate, _ = register(open_registration)
    details = give_identity(delegate)
    old_token = raw_row(details)[3]
    old_key = settings.IDENTITY_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.IDENTITY_ENCRYPTION_KEYS = [new_key, old_key]

    assert IdentityDetails.objects.get(pk=details.pk).document_number == "18AB34567"
    rotated = fields.rotate(old_token)
    settings.IDENTITY_ENCRYPTION_KEYS = [new_key]
    assert fields.decrypt(rotated) == "18AB34567"


def test_a_value_under_a_removed_key_is_an_error_not_a_blank(open_registration, settings):
    delegate, _ = register(open_registration)
    details = give_identity(delegate)
    settings.IDENTITY_ENCRYPTION_KEYS = [Fernet.generate_key().decode()]

    with pytest.raises(ImproperlyConfigured, match="rotate_identity_key"):
        IdentityDetails.objects.get(pk=details.pk)


def test_rotate_identity_key_re_encrypts_every_row_so_the_old_key_can_go(
    open_registration, settings
):
    delegate, _ = register(open_registration)
    details = give_identity(delegate)
    old_key = settings.IDENTITY_ENCRYPTION_KEYS[0]
    new_key = Fernet.generate_key().decode()
    settings.IDENTITY_ENCRYPTION_KEYS = [new_key, old_key]
    out = io.StringIO()

    call_command("rotate_identity_key", stdout=out)

    assert "Re-encrypted 1 rows" in out.getvalue()
    settings.IDENTITY_ENCRYPTION_KEYS = [new_key]
    again = IdentityDetails.objects.get(pk=details.pk)
    assert (again.document_number, again.date_of_birth) == ("18AB34567", datetime.date(1980, 4, 16))


def test_new_key_prints_a_key_fernet_accepts():
    out = io.StringIO()

    call_command("rotate_identity_key", "--new-key", stdout=out)

    Fernet(out.getvalue().strip().encode())
