"""The retention rule, run by Celery beat once a day (settings.CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task

from . import services

log = logging.getLogger(__name__)


@shared_task(name="privacy.apply_retention")
def apply_retention():
    for line in services.apply_retention():
        log.info("retention: %s", line)
