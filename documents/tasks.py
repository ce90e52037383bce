"""The documents' background work: badge batches and exports, rendered by a worker.

Tasks take primary keys, claim their row with a conditional update (so two workers
never render one job), render, and record a failure on the row for staff to see.
The services queue them (services -> tasks, never the reverse).
"""

import io
import logging
from datetime import timedelta

from celery import shared_task
from django.core.files.base import ContentFile
from django.utils import translation

from intersessional import clock
from registration.models import Delegate

from . import exports, queries, seating
from .badges import delegates_for_badges, render_badges
from .models import BadgeBatch, ExportJob, SeatingJob

logger = logging.getLogger(__name__)

# Far longer than any job takes (1,000 badges: about 15 s; 10,000 names as a PDF: 10 s):
# a job still rendering after this had its worker killed (a restart, the OOM killer).
JOB_LEASE = timedelta(minutes=15)


def _enqueue(task, pk: int, what: str) -> None:
    try:
        task.apply_async((pk,), retry=False)
    except Exception:
        # The row stays queued; staff see it on its page and can ask again.
        logger.warning("Broker unavailable; %s %s stays queued", what, pk, exc_info=True)


def _run_job(model, pk: int, render, *, select=()) -> None:
    """Claim a queued job (badge batch or export) with a conditional update, render
    it, and record a failure on the row for staff to see."""
    claimed = model.objects.filter(pk=pk, status=model.Status.QUEUED).update(
        status=model.Status.RENDERING, started_at=clock.wall_now()
    )
    if claimed != 1:
        return
    job = model.objects.select_related(*select).get(pk=pk)
    try:
        render(job)
    except Exception as error:
        model.objects.filter(pk=pk).update(
            status=model.Status.FAILED, error=f"{type(error).__name__}: {error}"[:2000]
        )
        raise


def _render_badge_batch(batch: BadgeBatch) -> None:
    """Render a claimed batch into one PDF, telling its progress as it goes."""

    def progress(done: int) -> None:
        BadgeBatch.objects.filter(pk=batch.pk).update(done=done)

    delegates = delegates_for_badges(Delegate.objects.filter(pk__in=batch.delegates.all()))
    pdf = render_badges(delegates, progress=progress)
    batch.pdf.save(f"badges-{batch.pk}.pdf", ContentFile(pdf), save=False)
    BadgeBatch.objects.filter(pk=batch.pk).update(
        pdf=batch.pdf.name, status=BadgeBatch.Status.DONE, finished_at=clock.wall_now()
    )


def _render_export_job(job: ExportJob) -> None:
    """Render a claimed job's file and mark it ready."""
    buffer = io.BytesIO()
    with translation.override(job.language):
        participants = queries.list_of_participants(
            job.meeting, public=job.public, attended=job.attended, language=job.language
        )
        exports.export(
            participants,
            buffer,
            fmt=job.fmt,
            meeting=job.meeting,
            public=job.public,
            attended=job.attended,
        )
    name = exports.filename(
        job.meeting,
        fmt=job.fmt,
        public=job.public,
        attended=job.attended,
        language=job.language,
    )
    job.file.save(f"{job.pk}-{name}", ContentFile(buffer.getvalue()), save=False)
    ExportJob.objects.filter(pk=job.pk).update(
        file=job.file.name, status=ExportJob.Status.DONE, finished_at=clock.wall_now()
    )


@shared_task(name="documents.render_badge_batch")
def render_badge_batch(pk: int) -> None:
    _run_job(BadgeBatch, pk, _render_badge_batch)


@shared_task(name="documents.render_export_job")
def render_export_job(pk: int) -> None:
    _run_job(ExportJob, pk, _render_export_job, select=["meeting"])


def enqueue_badge_batch(pk: int) -> None:
    _enqueue(render_badge_batch, pk, "badge batch")


def enqueue_export_job(pk: int) -> None:
    _enqueue(render_export_job, pk, "export")


@shared_task(name="documents.sweep_jobs")
def sweep_jobs() -> int:
    """Hand over again what no worker is doing: jobs whose worker died while rendering
    (after the lease) and queued jobs whose hand-over was lost (broker down when staff
    asked). A job handed over twice is rendered once: the claim is a conditional
    update. Returns the jobs handed over."""
    stale = clock.wall_now() - JOB_LEASE
    handed = 0
    for model, enqueue in (
        (BadgeBatch, enqueue_badge_batch),
        (ExportJob, enqueue_export_job),
        (SeatingJob, enqueue_seating_job),
    ):
        released = model.objects.filter(status=model.Status.RENDERING, started_at__lt=stale).update(
            status=model.Status.QUEUED, started_at=None
        )
        if released:
            logger.warning(
                "Released %s %s left rendering by a worker that died",
                released,
                model._meta.verbose_name_plural,
            )
        for pk in model.objects.filter(status=model.Status.QUEUED).values_list("pk", flat=True):
            enqueue(pk)
            handed += 1
    return handed


# Seating plan and nameplates (issue 25) ------------------------------------------


def _render_seating_job(job: SeatingJob) -> None:
    meeting = job.draw.meeting
    render = seating.nameplates_pdf if job.kind == SeatingJob.Kind.NAMEPLATES else seating.plan_pdf
    pdf = render(meeting, job.draw)
    job.file.save(f"{job.kind}-{job.pk}.pdf", ContentFile(pdf), save=False)
    SeatingJob.objects.filter(pk=job.pk).update(
        file=job.file.name, status=SeatingJob.Status.DONE, finished_at=clock.wall_now()
    )


@shared_task(name="documents.render_seating_job")
def render_seating_job(pk: int) -> None:
    _run_job(SeatingJob, pk, _render_seating_job, select=["draw__meeting", "draw__state"])


def enqueue_seating_job(pk: int) -> None:
    _enqueue(render_seating_job, pk, "seating document")
