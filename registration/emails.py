"""The e-mails of registration, queued in the outbox in the caller's transaction."""

from outbox.services import email_queue, email_queue_later
from outbox.writing import Gone
from programme.calendar import calendar_bytes, session_event
from programme.queries import sessions_with_items

from . import links
from .models import Delegate


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


def write_received(values: dict) -> dict:
    """The context of "Registration received", read back by the worker (outbox.writing),
    in the delegate's language."""
    delegate = (
        Delegate.objects.select_related("meeting", "delegation__state", "delegation__organisation")
        .filter(pk=values["delegate"])
        .first()
    )
    if delegate is None:
        raise Gone(f"delegate {values['delegate']} no longer exists")
    return {
        "meeting": delegate.meeting,
        "delegate": delegate,
        "delegation": delegate.delegation,
        "link": links.url(Delegate, values["token"]),
    }


def meeting_ics(meeting) -> str:
    """The meeting's open sessions as an iCalendar file, for the confirmation e-mail
    (the bilateral meetings are by invitation: each invited delegation gets its own)."""
    sessions = sessions_with_items(meeting)
    events = [session_event(session) for session in sessions if not session.is_bilateral]
    return calendar_bytes(events, name=meeting.title).decode()
