"""The documents' background work: badge batches, exports, visa letters and certificates
of attendance, rendered by a worker.

Tasks take primary keys, claim their row with a conditional update (so two workers
never render one job), render, and record a failure on the row for staff to see.
The services queue them (services -> tasks, never the reverse).
"""

import io
import logging
from datetime import timedelta

from celery import shared_task
from django.core.files.base import ContentFile
from django.db import transaction
from django.db.models import Q
from django.utils import translation

from accreditation.services import identity_details_of
from intersessional import clock
from registration import links
from registration.emails import queue_email
from registration.models import Delegate

from . import exports, letters, queries, retention, seating
from .badges import delegates_for_badges, render_badges
from .models import BadgeBatch, Certificate, ExportJob, SeatingJob, VisaLetter

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


@shared_task(name="documents.issue_visa_letter")
def issue_visa_letter_task(pk: int) -> None:
    issue_visa_letter(pk)


@shared_task(name="documents.issue_certificates")
def issue_certificates_task(pks: list[int]) -> None:
    for pk in pks:
        issue_certificate(pk)


@shared_task(name="documents.daily")
def daily() -> int:
    """The visa letters whose identity details' period is over go (retention.py)."""
    deleted = retention.visa_letters_delete_expired()
    logger.info("documents: %s visa letters deleted after the meeting", deleted)
    return deleted


def enqueue_visa_letter(pk: int) -> None:
    _enqueue(issue_visa_letter_task, pk, "visa letter")


def enqueue_certificates(pks: list[int]) -> None:
    # A few hundred per message: one message per batch of staff, progress per certificate.
    for start in range(0, len(pks), 200):
        chunk = pks[start : start + 200]
        try:
            issue_certificates_task.apply_async((chunk,), retry=False)
        except Exception:
            logger.warning("Broker unavailable; %s certificates stay queued", len(chunk))


def _claim(model, pk: int, status: str):
    """Take a row to render with a conditional update (one worker renders it); a claim
    older than the lease was left by a worker that died. Returns the claim's time."""
    moment = clock.wall_now()
    claimed = (
        model.objects.filter(pk=pk, status=status)
        .filter(Q(claimed_at__isnull=True) | Q(claimed_at__lt=moment - JOB_LEASE))
        .update(claimed_at=moment)
    )
    return moment if claimed == 1 else None


def issue_visa_letter(pk: int) -> bool:
    """Render an approved letter, store it encrypted, mark it issued and e-mail the
    delegate a link to it, the last three in one transaction: the e-mail goes once,
    with the letter, or not at all (then the sweep tries again)."""
    claim = _claim(VisaLetter, pk, VisaLetter.Status.APPROVED)
    if claim is None:
        return False
    letter = VisaLetter.objects.select_related(
        "delegate__meeting", "delegate__delegation__state", "delegate__delegation__organisation"
    ).get(pk=pk)
    identity = identity_details_of(letter.delegate)
    if identity is None:
        # The identity details were deleted (retention) after the approval: nothing
        # to print. The letter stays approved, for staff to see.
        logger.warning("Visa letter %s: the identity details are gone", pk)
        return False
    # Dated by the ISU's decision, not by when a worker got to it.
    letter.issued_at = letter.approved_at
    pdf = letters.seal(letters.visa_letter_pdf(letter, identity))
    with transaction.atomic():
        locked = (
            VisaLetter.objects.select_for_update()
            .filter(pk=pk, status=VisaLetter.Status.APPROVED, claimed_at=claim)
            .first()
        )
        if locked is None:
            return False  # revoked meanwhile, or taken over after the lease
        locked.pdf.save(f"{pk}.pdf.fernet", ContentFile(pdf), save=False)
        token = links.issue_token(locked)
        locked.status = VisaLetter.Status.ISSUED
        locked.issued_at = letter.issued_at
        locked.save()
        delegate = letter.delegate
        queue_email(
            kind="visa_letter_issued",
            to=delegate.email,
            language=delegate.language,
            delegate=delegate,
            context=lambda: {
                "delegate": delegate,
                "meeting": delegate.meeting,
                "letter": locked,
                "link": links.url(VisaLetter, token),
            },
        )
    return True


def issue_certificate(pk: int) -> bool:
    """Render a queued certificate and mark it issued (no e-mail: the delegate downloads
    it through the private link)."""
    claim = _claim(Certificate, pk, Certificate.Status.QUEUED)
    if claim is None:
        return False
    certificate = Certificate.objects.select_related(
        "delegate__meeting", "delegate__delegation__state", "delegate__delegation__organisation"
    ).get(pk=pk)
    certificate.issued_at = certificate.created_at
    pdf = letters.certificate_pdf(certificate)
    with transaction.atomic():
        locked = (
            Certificate.objects.select_for_update()
            .filter(pk=pk, status=Certificate.Status.QUEUED, claimed_at=claim)
            .first()
        )
        if locked is None:
            return False
        locked.pdf.save(f"{pk}.pdf", ContentFile(pdf), save=False)
        locked.status = Certificate.Status.ISSUED
        locked.issued_at = certificate.issued_at
        locked.save()
    return True


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
    # Letters and certificates waiting for a worker: never claimed, or their worker died.
    waiting = Q(claimed_at__isnull=True) | Q(claimed_at__lt=stale)
    for pk in VisaLetter.objects.filter(waiting, status=VisaLetter.Status.APPROVED).values_list(
        "pk", flat=True
    ):
        enqueue_visa_letter(pk)
        handed += 1
    certificates = list(
        Certificate.objects.filter(waiting, status=Certificate.Status.QUEUED).values_list(
            "pk", flat=True
        )
    )
    enqueue_certificates(certificates)
    return handed + len(certificates)


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
