"""Writes of the outbox: queue an e-mail in the caller's transaction, send one again.

The promise (see tasks.py): an e-mail queued here is never lost; it is sent at least
once, and twice only if a worker dies in the instant between the SMTP server's
acceptance and the row's update.
"""

from html import unescape

from django.conf import settings
from django.db import transaction
from django.template.loader import render_to_string
from django.utils import translation

from intersessional import clock

from .models import Notification
from .tasks import enqueue_notification


def email_render(kind: str, context: dict) -> tuple[str, str, str]:
    """(subject, text, HTML) from the templates emails/<kind>_subject.txt, <kind>.txt
    and <kind>.html."""
    # Subjects are plain text: no HTML escaping, and one line whatever a name held,
    # so no header can be injected.
    subject = unescape(render_to_string(f"emails/{kind}_subject.txt", context))
    subject = " ".join(subject.split())
    text = render_to_string(f"emails/{kind}.txt", context)
    html = render_to_string(f"emails/{kind}.html", context)
    return subject, text, html


def email_queue(
    *,
    kind: str,
    to: str,
    context,
    language: str = settings.LANGUAGE_CODE,
    ics="",
    reference: str = "",
) -> Notification:
    """Render the e-mail and write it to the outbox; a worker gets it once the caller's
    transaction commits (and the sweep, if the broker was down then).

    Everything is rendered in the recipient's `language`: the subject, the bodies, the
    links (their /<language>/ prefix) and the calendar file. `context` and `ics` may be
    callables, called inside that language, for what must be built in it."""
    with translation.override(language):
        context = context() if callable(context) else context
        subject, text, html = email_render(kind, context)
        ics = ics() if callable(ics) else ics
    notification = Notification.objects.create(
        kind=kind,
        to_email=to,
        language=language,
        subject=subject,
        body_text=text,
        body_html=html,
        ics=ics,
        reference=reference,
        created_at=clock.now(),
    )
    transaction.on_commit(lambda: enqueue_notification(notification.pk))
    return notification


@transaction.atomic
def notification_resend(*, notification: Notification) -> Notification:
    """Staff send an e-mail again: a new outbox row, so the first stays as it was."""
    copy = Notification.objects.create(
        kind=notification.kind,
        to_email=notification.to_email,
        language=notification.language,
        subject=notification.subject,
        body_text=notification.body_text,
        body_html=notification.body_html,
        ics=notification.ics,
        reference=notification.reference,
        created_at=clock.now(),
    )
    transaction.on_commit(lambda: enqueue_notification(copy.pk))
    return copy
