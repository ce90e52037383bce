"""Writes of the outbox: queue an e-mail in the caller's transaction, send one again.

The promise (see tasks.py): an e-mail queued here is never lost; it is sent at least
once, and twice only if a worker dies in the instant between the SMTP server's
acceptance and the row's update.
"""

from django.conf import settings
from django.db import transaction
from django.utils import translation

from intersessional import clock

from .models import Notification
from .tasks import enqueue_notification
from .writing import email_render, has_writer

__all__ = ["email_queue", "email_queue_later", "email_render", "notification_resend"]


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


def email_queue_later(
    *,
    kind: str,
    to: str,
    values: dict,
    language: str = settings.LANGUAGE_CODE,
    reference: str = "",
) -> Notification:
    """Write the outbox row of an e-mail that the worker writes when it sends it, in
    `language`, from `values` (JSON: primary keys and what cannot be read back, such
    as a private link) by the writer registered for `kind` (writing.py). The request
    pays for one INSERT; the worker for the templates."""
    if not has_writer(kind):
        raise ValueError(f"No writer for e-mails of kind {kind!r} (outbox.writing.writer)")
    notification = Notification.objects.create(
        kind=kind,
        to_email=to,
        language=language,
        values=values,
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
        # One that failed before the worker wrote it is written by the copy's worker.
        values=notification.values,
        reference=notification.reference,
        created_at=clock.now(),
    )
    transaction.on_commit(lambda: enqueue_notification(copy.pk))
    return copy
