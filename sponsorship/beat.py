"""The programme's daily work, run by Celery beat (settings.CELERY_BEAT_SCHEDULE)."""

import logging

from celery import shared_task

from . import services, tasks
from .models import Travel

logger = logging.getLogger(__name__)


@shared_task(name="sponsorship.daily")
def daily() -> None:
    """Offers past their date lapse; sensitive data past its day goes; letters whose
    hand-over was lost are handed over again."""
    services.offers_lapse()
    for line in services.personal_data_apply():
        logger.info("sponsorship personal data: %s", line)
    for pk in Travel.objects.filter(issued_at__isnull=False, letter="").values_list(
        "pk", flat=True
    ):
        tasks.enqueue_letter(pk)
