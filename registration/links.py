"""Private links: a random token, signed, whose hash alone is stored.

The signature lets a forged or mistyped link be refused before the database is
asked; the 256 random bits make a link impossible to guess; storing only the
hash means a copy of the database opens nothing. A new link replaces the old.
"""

from django.conf import settings
from django.core import signing
from django.urls import reverse

from .models import Delegate, Delegation, hash_token, new_access_token

DELEGATE_SALT = "registration.delegate-link"
DELEGATION_SALT = "registration.delegation-link"
INVITATION_SALT = "registration.bilateral-invitation-link"
SALTS = {"Delegate": DELEGATE_SALT, "Delegation": DELEGATION_SALT}


def issue_token(obj) -> str:
    """Give obj (a delegate, a delegation or an invitation) a new private token (the
    caller saves obj) and return the signed value."""
    raw = new_access_token()
    obj.access_token_hash = hash_token(raw)
    salt = SALTS.get(type(obj).__name__, INVITATION_SALT)
    return signing.Signer(salt=salt).sign(raw)


def _raw_token(signed: str, salt: str) -> str | None:
    try:
        return signing.Signer(salt=salt).unsign(signed)
    except signing.BadSignature:
        return None


def delegate_for_token(signed: str):
    raw = _raw_token(signed, DELEGATE_SALT)
    if raw is None:
        return None
    return (
        Delegate.objects.select_related("meeting", "delegation__state", "delegation__organisation")
        .filter(access_token_hash=hash_token(raw))
        .first()
    )


def delegation_for_token(signed: str):
    raw = _raw_token(signed, DELEGATION_SALT)
    if raw is None:
        return None
    return (
        Delegation.objects.select_related("meeting", "state", "organisation")
        .filter(access_token_hash=hash_token(raw))
        .first()
    )


def delegate_path(signed: str) -> str:
    return reverse("registration:delegate", args=[signed])


def delegation_path(signed: str) -> str:
    return reverse("registration:delegation", args=[signed])


def delegate_url(signed: str) -> str:
    """The absolute link, for e-mails."""
    return settings.SITE_URL + delegate_path(signed)


def delegation_url(signed: str) -> str:
    return settings.SITE_URL + delegation_path(signed)


def invitation_for_token(signed: str):
    from .models import BilateralInvitation

    raw = _raw_token(signed, INVITATION_SALT)
    if raw is None:
        return None
    return (
        BilateralInvitation.objects.select_related(
            "slot__meeting", "slot__committee", "delegation__state", "delegation__organisation"
        )
        .filter(access_token_hash=hash_token(raw))
        .first()
    )


def invitation_path(signed: str) -> str:
    return reverse("registration:bilateral", args=[signed])


def invitation_url(signed: str) -> str:
    return settings.SITE_URL + invitation_path(signed)
