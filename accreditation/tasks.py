"""Run by Celery beat once a day (settings.CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task

from . import services

log = logging.getLogger(__name__)


@shared_task(name="accreditation.daily")
def daily():
    """Delete the identity details whose period is over; remind the delegations that
    sent no nomination ten days before their meeting. Both are idempotent."""
    deleted = services.identity_details_delete_expired()
    reminded = services.nomination_reminders_send()
    log.info("accreditation: %s identity details deleted, %s reminders queued", deleted, reminded)
