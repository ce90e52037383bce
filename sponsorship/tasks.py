"""The sponsorship letter, rendered by a worker (as badges and exports are): the task
takes the travel's key, claims it with a conditional update so that two workers never
render it twice, and returns quietly when it is gone."""

import logging

from celery import shared_task

from .letters import letter_make
from .models import Travel

logger = logging.getLogger(__name__)


@shared_task(name="sponsorship.render_letter")
def render_letter(pk: int) -> None:
    claimed = Travel.objects.filter(pk=pk, letter="", letter_rendered_at__isnull=True).update(
        letter="rendering"
    )
    if claimed != 1:
        return
    travel = Travel.objects.select_related(
        "application__delegate__delegation__state", "application__programme__meeting"
    ).get(pk=pk)
    try:
        letter_make(travel)
    except Exception:
        Travel.objects.filter(pk=pk).update(letter="")
        raise


def enqueue_letter(pk: int) -> None:
    try:
        render_letter.apply_async((pk,), retry=False)
    except Exception:
        # The travel stays without its letter; the daily sweep hands it over again.
        logger.warning("Broker unavailable; letter of travel %s waits", pk, exc_info=True)
