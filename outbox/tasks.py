"""Background work. Tasks take primary keys, claim their row, and return quietly
when there is nothing (left) to do.

The outbox promise: an e-mail is never lost, and sent at least once, almost always
exactly once. It is written in the transaction of the change that causes it; after
the commit it is handed to Celery; if the broker is down, the beat sweep hands it
over later. A worker sends only a row it claimed with a conditional update; a claim
left by a worker that died is released after a lease; a temporary SMTP failure is
retried with backoff. The one way to send twice: a worker that dies after the SMTP
server accepted the e-mail and before the row is marked sent (one UPDATE). The
e-mail then goes again after the lease, with the same Message-ID, so that mail
clients show one.
"""

import logging
import smtplib
import socket
from datetime import UTC, timedelta
from urllib.parse import urlsplit

from celery import shared_task
from django.conf import settings
from django.core.mail import EmailMultiAlternatives, get_connection
from django.db import connection
from django.db.models import Q

from intersessional import clock

from .models import Notification
from .writing import Gone, write

logger = logging.getLogger(__name__)

# A worker that holds a claim longer than this has died (SMTP times out well before).
CLAIM_LEASE = timedelta(seconds=settings.NOTIFICATION_CLAIM_LEASE_SECONDS)
MAX_ATTEMPTS = 8


def enqueue_notification(pk: int) -> None:
    """Hand a queued e-mail to Celery. A broker that is down or hung only delays it:
    the row stays pending and the periodic sweep hands it over again."""
    try:
        # No publish retries: the socket timeouts bound the wait to about 2 s.
        send_notification.apply_async((pk,), retry=False)
    except Exception:
        logger.warning("Broker unavailable; notification %s waits for the sweep", pk, exc_info=True)


def backoff_seconds(attempts: int) -> int:
    """30 s, 1 min, 2 min, 4 min... (by default) capped at an hour."""
    base = settings.NOTIFICATION_RETRY_BASE_SECONDS
    return min(base * 2 ** max(attempts - 1, 0), 3600)


def is_temporary(error: Exception) -> bool:
    if isinstance(error, smtplib.SMTPResponseException):
        return 400 <= error.smtp_code < 500
    if isinstance(error, smtplib.SMTPRecipientsRefused):
        return all(400 <= code < 500 for code, _msg in error.recipients.values())
    return isinstance(error, smtplib.SMTPServerDisconnected | ConnectionError | socket.timeout)


def message_id(notification: Notification) -> str:
    """The same on every attempt, so that a copy sent again is shown as one; unique
    across deployments and database resets (a row's pk with its creation time, to the
    microsecond), in the site's own domain."""
    queued = notification.created_at.astimezone(UTC).strftime("%Y%m%dT%H%M%S%f")
    domain = urlsplit(settings.SITE_URL).hostname
    return f"<notification-{notification.pk}.{queued}@{domain}>"


def _close(connection) -> None:
    """QUIT. The e-mail's fate is settled by then: a failure here changes nothing."""
    try:
        connection.close()
    except Exception:
        logger.warning("SMTP connection did not close cleanly", exc_info=True)


def _claim(pk: int, now) -> Notification | None:
    """The conditional update is the claim: of two workers, only one gets the row back.
    One statement (UPDATE ... RETURNING) claims the row and reads it."""
    table = connection.ops.quote_name(Notification._meta.db_table)
    # As the database stores it (SQLite in the demo keeps naive UTC text).
    at = Notification._meta.get_field("claimed_at").get_db_prep_value(now, connection)
    rows = Notification.objects.raw(
        f"UPDATE {table} SET status = %s, claimed_at = %s "  # noqa: S608 (no user input)
        "WHERE id = %s AND status = %s AND (next_attempt_at IS NULL OR next_attempt_at <= %s) "
        "RETURNING *",
        [Notification.Status.SENDING.value, at, pk, Notification.Status.PENDING.value, at],
    )
    return next(iter(rows), None)


@shared_task(name="outbox.send_notification", bind=True, max_retries=None)
def send_notification(self, pk: int) -> None:
    now = clock.wall_now()
    notification = _claim(pk, now)
    if notification is None:
        return
    # Queued unwritten (email_queue_later): written here, in the recipient's language,
    # and kept with the row's next update, so that a retry sends the same e-mail.
    written = {}
    if notification.values:
        try:
            subject, text, html = write(
                kind=notification.kind, language=notification.language, values=notification.values
            )
        except Gone as error:
            Notification.objects.filter(pk=pk).update(
                status=Notification.Status.FAILED,
                last_error=f"Nothing to write it from: {error}"[:2000],
                claimed_at=None,
                values={},
            )
            logger.error("Notification %s failed for good: %s", pk, error)
            return
        written = {"subject": subject, "body_text": text, "body_html": html, "values": {}}
        notification.subject, notification.body_text, notification.body_html = subject, text, html
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        to=[notification.to_email],
        # Auto-Submitted (RFC 3834): no out-of-office reply or other automatic answer.
        headers={"Message-ID": message_id(notification), "Auto-Submitted": "auto-generated"},
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    if notification.ics:
        message.attach("meeting.ics", notification.ics, "text/calendar")
    attempts = notification.attempts + 1
    # The connection is opened and closed here rather than inside send(), which
    # QUITs before returning: the row is marked sent right after the server's 250,
    # and QUIT comes after. A worker that dies between the 250 and the UPDATE sends
    # the e-mail again after the lease; no wait for the server's goodbye widens that.
    connection = get_connection()
    try:
        connection.open()
        connection.send_messages([message])
    except Exception as error:
        _close(connection)
        temporary = is_temporary(error) and attempts < MAX_ATTEMPTS
        delay = backoff_seconds(attempts)
        Notification.objects.filter(pk=pk).update(
            status=Notification.Status.PENDING if temporary else Notification.Status.FAILED,
            attempts=attempts,
            last_error=f"{type(error).__name__}: {error}"[:2000],
            claimed_at=None,
            next_attempt_at=now + timedelta(seconds=delay) if temporary else None,
            **written,
        )
        if not temporary:
            logger.error("Notification %s failed for good: %s", pk, error)
            return
        logger.info("Notification %s: temporary failure, retry in %s s", pk, delay)
        raise self.retry(countdown=delay, exc=error) from error
    Notification.objects.filter(pk=pk).update(
        status=Notification.Status.SENT, attempts=attempts, sent_at=clock.wall_now(), **written
    )
    _close(connection)


@shared_task(name="outbox.sweep_notifications")
def sweep_notifications() -> int:
    """Hand over again what is due: pending rows whose hand-over was lost (broker
    down at commit), whose retry is due, or whose worker died holding the claim."""
    now = clock.wall_now()
    released = Notification.objects.filter(
        status=Notification.Status.SENDING, claimed_at__lt=now - CLAIM_LEASE
    ).update(status=Notification.Status.PENDING, claimed_at=None)
    if released:
        logger.warning("Released %s notifications claimed by a worker that died", released)
    due = Notification.objects.filter(status=Notification.Status.PENDING).filter(
        Q(next_attempt_at__isnull=True) | Q(next_attempt_at__lte=now)
    )
    pks = list(due.values_list("pk", flat=True)[:500])
    for pk in pks:
        enqueue_notification(pk)
    return len(pks)
