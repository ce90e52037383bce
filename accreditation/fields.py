"""Columns encrypted at rest with a key from the environment.

The identity details the venue's security and the Sponsorship Programme need
(passport numbers, dates of birth) are the most sensitive data the site holds: a copy
of the database, a backup or a log of its statements must not reveal them. Each value
is encrypted by `cryptography`'s Fernet (AES-128-CBC with an HMAC-SHA256, a timestamp
and a random IV: the same number twice gives two different tokens) before it is
written, and decrypted when read.

The keys are settings.IDENTITY_ENCRYPTION_KEYS (from the environment, a comma-separated
list of Fernet keys): the first encrypts, every one decrypts (MultiFernet), so a key is
rotated by putting a new one first, running `manage.py rotate_identity_key`, then
removing the old one (docs/operations.md). An encrypted column cannot be searched or
sorted by the database; nothing needs to.
"""

import datetime
from functools import cache

from cryptography.fernet import Fernet, InvalidToken, MultiFernet
from django.conf import settings
from django.core.exceptions import ImproperlyConfigured
from django.db import models


@cache
def _fernet(keys: tuple[str, ...]) -> MultiFernet:
    if not keys:
        raise ImproperlyConfigured(
            "IDENTITY_ENCRYPTION_KEYS is empty: identity details need a key."
        )
    return MultiFernet([Fernet(key.encode()) for key in keys])


def fernet() -> MultiFernet:
    return _fernet(tuple(settings.IDENTITY_ENCRYPTION_KEYS))


def encrypt(text: str) -> str:
    return fernet().encrypt(text.encode()).decode("ascii")


def decrypt(token: str) -> str:
    try:
        return fernet().decrypt(token.encode("ascii")).decode()
    except InvalidToken:
        # Not "return None": a value nobody can read is a lost key, and must be seen.
        raise ImproperlyConfigured(
            "An encrypted identity detail cannot be decrypted with IDENTITY_ENCRYPTION_KEYS: "
            "was a key removed before `manage.py rotate_identity_key` ran?"
        ) from None


def rotate(token: str) -> str:
    """The same value encrypted with the first key."""
    return fernet().rotate(token.encode("ascii")).decode("ascii")


class EncryptedTextField(models.TextField):
    """A text column whose value is stored as a Fernet token. "" and None stay as they are
    (an empty field says nothing about the person)."""

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return value
        return decrypt(value)

    def get_prep_value(self, value):
        value = super().get_prep_value(value)
        if value in (None, ""):
            return value
        return encrypt(str(value))


class EncryptedDateField(models.DateField):
    """A date stored as the Fernet token of its ISO text, in a text column."""

    def get_internal_type(self):
        return "TextField"

    def db_type(self, connection):
        return models.TextField().db_type(connection)

    def from_db_value(self, value, expression, connection):
        if value in (None, ""):
            return None
        return datetime.date.fromisoformat(decrypt(value))

    def get_prep_value(self, value):
        value = self.to_python(value)
        if value is None:
            return None
        return encrypt(value.isoformat())

    def get_db_prep_value(self, value, connection, prepared=False):
        # DateField's own would turn the token back into a date adapter.
        return value if prepared else self.get_prep_value(value)
