"""The e-mails of registration, queued in the outbox in the caller's transaction."""

import functools

from outbox.services import email_queue, email_queue_later
from outbox.writing import Gone
from programme.calendar import calendar_bytes, session_event
from programme.queries import meeting_by_pk, sessions_with_items
from reference.models import organisations_by_pk, states_by_pk

from . import links
from .models import Delegate, Delegation


def reference_for(delegate: Delegate) -> str:
    """How the outbox's rows about a delegate are found again (the outbox knows no
    delegates: this string is all it keeps)."""
    return f"delegate:{delegate.pk}"


def queue_email(
    *, kind: str, to: str, context, language: str, delegate: Delegate | None = None, ics=""
):
    """Queue an e-mail in the recipient's `language` (see outbox.services.email_queue)."""
    return email_queue(
        kind=kind,
        to=to,
        context=context,
        language=language,
        ics=ics,
        reference=reference_for(delegate) if delegate is not None else "",
    )


def queue_received_email(delegate: Delegate, token: str):
    """ "Registration received", with the delegate's private link: written by the worker
    that sends it (write_received), so the registration's request renders no template."""
    return email_queue_later(
        kind="registration_received",
        to=delegate.email,
        language=delegate.language,
        # The signed link cannot be read back from its stored hash: the row carries it
        # until the worker has written it into the e-mail, as the e-mail itself does.
        values={"delegate": delegate.pk, "token": token},
        reference=reference_for(delegate),
    )


def _in_field_order(model, names: set[str]) -> tuple[str, ...]:
    """`names` in the order of the model's columns, as Model.from_db takes them."""
    return tuple(f.attname for f in model._meta.concrete_fields if f.attname in names)


# What "Registration received" shows of the delegate and their delegation: one row,
# fetched as plain values: as model rows with the meeting, the State and the
# organisation joined they cost the worker 1.6 ms of CPU, these 0.5 (docs/performance.md).
_RECEIVED_DELEGATE = _in_field_order(
    Delegate, {"id", "given_name", "family_name", "meeting_id", "delegation_id"}
)
_RECEIVED_DELEGATION = _in_field_order(Delegation, {"id", "state_id", "organisation_id"})


@functools.cache
def _received_row():
    # Built once per process: resolving the nine names is a third of the query's CPU.
    return Delegate.objects.values_list(
        *_RECEIVED_DELEGATE, *(f"delegation__{name}" for name in _RECEIVED_DELEGATION)
    )


def write_received(values: dict) -> dict:
    """The context of "Registration received", read back by the worker (outbox.writing),
    in the delegate's language: one statement for the names the e-mail shows; the
    meeting, the State or the organisation from the process's memory
    (intersessional/memo.py), as the pages have them. Any other field a template
    asks for is read when it does (Model.from_db leaves the rest deferred)."""
    try:
        row = _received_row().get(pk=values["delegate"])
    except Delegate.DoesNotExist:
        raise Gone(f"delegate {values['delegate']} no longer exists") from None
    size, db = len(_RECEIVED_DELEGATE), _received_row().db
    delegate = Delegate.from_db(db, _RECEIVED_DELEGATE, row[:size])
    delegation = Delegation.from_db(db, _RECEIVED_DELEGATION, row[size:])
    state_id, organisation_id = delegation.state_id, delegation.organisation_id
    # One added in another process within the minute is read when the template asks.
    if state_id is not None and (state := (states_by_pk() or {}).get(state_id)):
        delegation.state = state
    if organisation_id is not None and (
        organisation := (organisations_by_pk() or {}).get(organisation_id)
    ):
        delegation.organisation = organisation
    delegate.delegation = delegation
    delegate.meeting = meeting_by_pk(delegate.meeting_id)
    return {
        "meeting": delegate.meeting,
        "delegate": delegate,
        "delegation": delegation,
        "link": links.url(Delegate, values["token"]),
    }


def meeting_ics(meeting) -> str:
    """The meeting's open sessions as an iCalendar file, for the confirmation e-mail
    (the bilateral meetings are by invitation: each invited delegation gets its own)."""
    sessions = sessions_with_items(meeting)
    events = [session_event(session) for session in sessions if not session.is_bilateral]
    return calendar_bytes(events, name=meeting.title).decode()
