"""The e-mails of registration, queued in the outbox in the caller's transaction."""

from outbox.services import email_queue
from programme.calendar import calendar_bytes, session_event
from programme.queries import sessions_with_items

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


def meeting_ics(meeting) -> str:
    """The meeting's open sessions as an iCalendar file, for the confirmation e-mail
    (the bilateral meetings are by invitation: each invited delegation gets its own)."""
    sessions = sessions_with_items(meeting)
    events = [session_event(session) for session in sessions if not session.is_bilateral]
    return calendar_bytes(events, name=meeting.title).decode()
