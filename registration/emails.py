"""E-mails: a subject, a text body and an HTML body, rendered by one helper and
written to the outbox in the caller's transaction."""

from html import unescape

from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from intersessional import clock

from .models import Delegate, Notification


def render_email(kind: str, context: dict) -> tuple[str, str, str]:
    # Subjects are plain text: no HTML escaping, and one line whatever a name held,
    # so no header can be injected.
    subject = unescape(render_to_string(f"emails/{kind}_subject.txt", context))
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{kind}.txt", context)
    html = render_to_string(f"emails/{kind}.html", context)
    return subject, text, html


def meeting_ics(meeting) -> str:
    """The meeting's open sessions as an iCalendar file, for the confirmation e-mail
    (the bilateral meetings are by invitation: each invited delegation gets its own)."""
    from programme.calendar import calendar_bytes, session_event
    from programme.queries import sessions_with_items

    sessions = sessions_with_items(meeting)
    events = [session_event(session) for session in sessions if not session.is_bilateral]
    return calendar_bytes(events, name=meeting.title).decode()


def queue_email(
    *,
    kind: str,
    to: str,
    context,
    language: str,
    delegate: Delegate | None = None,
    ics="",
) -> Notification:
    """Write the e-mail to the outbox; hand it to a worker once the transaction commits.

    Everything is rendered in the recipient's language: the subject, the bodies, the
    links (their /<language>/ prefix) and the calendar file. `context` and `ics` may be
    callables, called inside that language, for what must be built in it."""
    with translation.override(language):
        context = context() if callable(context) else context
        subject, text, html = render_email(kind, context)
        ics = ics() if callable(ics) else ics
    notification = Notification.objects.create(
        kind=kind,
        to_email=to,
        language=language,
        subject=subject,
        body_text=text,
        body_html=html,
        ics=ics,
        delegate=delegate,
        created_at=clock.now(),
    )
    from .tasks import enqueue_notification

    transaction.on_commit(lambda: enqueue_notification(notification.pk))
    return notification
