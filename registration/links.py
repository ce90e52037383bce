"""Private links: a random token, signed, whose hash alone is stored.

The signature lets a forged or mistyped link be refused before the database is
asked; the 256 random bits make a link impossible to guess; storing only the
hash means a copy of the database opens nothing. A new link replaces the old.

A delegate's registration and a delegation (its focal point) have private links;
apps above registration add their own kinds through extensions.link_kind (floor:
bilateral invitations).
Each kind has its own salt, so a link made for one never opens another.
"""

from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from django.conf import settings
from django.core import signing
from django.http import Http404
from django.urls import reverse
from django.utils.translation import gettext as _

from programme.queries import meeting_by_pk
from reference.models import states_by_pk

from .models import Delegate, Delegation, hash_token, new_access_token


@dataclass(frozen=True)
class LinkKind:
    salt: str
    url_name: str
    # What the page behind the link shows, fetched with the row in one query.
    related: tuple[str, ...]
    # Then given what the process keeps for a minute (the meeting, the State) rather
    # than joined: fetching and building their translated columns on every visit cost
    # most of the query's time (docs/performance.md).
    attach: Callable[[Any], None] | None = None


def _delegation_kept_rows(delegation: Delegation) -> None:
    delegation.meeting = meeting_by_pk(delegation.meeting_id)
    if delegation.state_id is not None:
        state = (states_by_pk() or {}).get(delegation.state_id)
        if state is not None:
            delegation.state = state


def _delegate_kept_rows(delegate: Delegate) -> None:
    delegate.meeting = meeting_by_pk(delegate.meeting_id)
    _delegation_kept_rows(delegate.delegation)


KINDS = {
    Delegate: LinkKind(
        "registration.delegate-link",
        "registration:delegate",
        ("delegation__organisation",),
        attach=_delegate_kept_rows,
    ),
    Delegation: LinkKind(
        "registration.delegation-link",
        "registration:delegation",
        ("organisation",),
        attach=_delegation_kept_rows,
    ),
}


def add_kind(model, kind: LinkKind) -> None:
    """Give the rows of `model` private links of this kind (extensions.link_kind)."""
    if KINDS.setdefault(model, kind) != kind:
        raise ValueError(f"{model.__name__} already has another kind of private link")


def add_related(model, *names: str) -> None:
    """Fetch these related rows with the row that a link of `model` opens, in the same
    query (extensions.link_related): what an app's panel shows costs no query more."""
    kind = KINDS[model]
    KINDS[model] = replace(kind, related=tuple(dict.fromkeys((*kind.related, *names))))


def issue_token(obj) -> str:
    """Give obj (a delegate, a delegation, or a row of a registered kind) a new private
    token (the caller saves obj) and return the signed value."""
    raw = new_access_token()
    obj.access_token_hash = hash_token(raw)
    return signing.Signer(salt=KINDS[type(obj)].salt).sign(raw)


def find(model, signed: str):
    """The row of `model` that the signed token opens, or None."""
    kind = KINDS[model]
    try:
        raw = signing.Signer(salt=kind.salt).unsign(signed)
    except signing.BadSignature:
        return None
    # No ORDER BY (first() would sort by the model's ordering): one row has the hash.
    found = (
        model.objects.select_related(*kind.related)
        .filter(access_token_hash=hash_token(raw))
        .order_by()[:1]
    )
    row = next(iter(found), None)
    if row is not None and kind.attach is not None:
        kind.attach(row)
    return row


def find_or_404(model, signed: str):
    """What a private link opens, or a 404 that says what to do."""
    found = find(model, signed)
    if found is None:
        if model is Delegate:
            raise Http404(_("This link is not valid. Ask for a new one."))
        raise Http404(_("This link is not valid. Ask the ISU for a new one."))
    return found


def path(model, signed: str) -> str:
    return reverse(KINDS[model].url_name, args=[signed])


def url(model, signed: str) -> str:
    """The absolute link, for e-mails."""
    return settings.SITE_URL + path(model, signed)
