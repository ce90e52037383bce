"""Background work. Tasks take primary keys, claim their row, and return quietly
when there is nothing (left) to do."""

import logging

from celery import shared_task
from django.core.mail import EmailMultiAlternatives

from intersessional import clock

from .models import Notification

logger = logging.getLogger(__name__)


def enqueue_notification(pk: int) -> None:
    """Hand a queued e-mail to Celery. A broker that is down only delays it: the row
    stays pending and the periodic sweep hands it over again."""
    try:
        send_notification.delay(pk)
    except Exception:
        logger.warning("Broker unavailable; notification %s waits for the sweep", pk, exc_info=True)


@shared_task(name="registration.send_notification")
def send_notification(pk: int) -> None:
    # The conditional update is the claim: of two workers, only one gets 1 back.
    claimed = Notification.objects.filter(pk=pk, status=Notification.Status.PENDING).update(
        status=Notification.Status.SENDING
    )
    if claimed != 1:
        return
    notification = Notification.objects.get(pk=pk)
    message = EmailMultiAlternatives(
        subject=notification.subject,
        body=notification.body_text,
        to=[notification.to_email],
    )
    if notification.body_html:
        message.attach_alternative(notification.body_html, "text/html")
    try:
        message.send()
    except Exception as error:
        Notification.objects.filter(pk=pk).update(
            status=Notification.Status.PENDING,
            attempts=notification.attempts + 1,
            last_error=str(error)[:2000],
        )
        raise
    Notification.objects.filter(pk=pk).update(
        status=Notification.Status.SENT, attempts=notification.attempts + 1, sent_at=clock.now()
    )
