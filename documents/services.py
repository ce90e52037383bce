"""Every write of the documents app: badges and the jobs that workers render."""

import secrets

from django.core.files.base import ContentFile
from django.db import transaction

from intersessional import clock
from programme.models import Meeting
from registration.models import Delegate

from . import seating
from .badges import badge_content, fingerprint, render_badges
from .models import Badge, BadgeBatch, ExportJob, SeatingDraw, SeatingJob
from .tasks import enqueue_badge_batch, enqueue_export_job, enqueue_seating_job


def badge_pdf_for(*, delegate: Delegate) -> bytes:
    """The delegate's badge alone (A6), rendered again only when what it shows changed."""
    current = fingerprint(badge_content(delegate))
    badge = Badge.objects.filter(delegate=delegate).first()
    if badge is not None and badge.fingerprint == current and badge.pdf:
        with badge.pdf.open("rb") as f:
            return f.read()
    pdf = render_badges([delegate], layout="single")
    with transaction.atomic():
        badge = badge or Badge(delegate=delegate)
        if badge.pdf:
            badge.pdf.delete(save=False)
        badge.fingerprint = current
        badge.rendered_at = clock.wall_now()
        badge.pdf.save(f"badge-{delegate.pk}-{current[:12]}.pdf", ContentFile(pdf), save=False)
        badge.save()
    return pdf


@transaction.atomic
def badge_batch_request(*, delegates, by=None) -> BadgeBatch:
    """Staff ask for one PDF of these badges; a worker renders it after the commit."""
    pks = list(delegates.values_list("pk", flat=True))
    batch = BadgeBatch.objects.create(requested_by=by, total=len(pks), created_at=clock.now())
    batch.delegates.set(pks)
    transaction.on_commit(lambda: enqueue_badge_batch(batch.pk))
    return batch


@transaction.atomic
def export_job_request(
    *,
    meeting: Meeting,
    fmt: str,
    public: bool,
    attended: bool = False,
    by=None,
    language: str = "en",
) -> ExportJob:
    """Staff ask for a List of Participants (in `language`) that a worker renders after
    the commit; `attended`: the internal list of those checked in at the door."""
    if public and attended:
        raise ValueError("The list of those who came is internal: it is never published.")
    job = ExportJob.objects.create(
        meeting=meeting,
        fmt=fmt,
        public=public,
        attended=attended,
        language=language,
        requested_by=by,
        created_at=clock.now(),
    )
    transaction.on_commit(lambda: enqueue_export_job(job.pk))
    return job


# Seating and nameplates (issue 25) -----------------------------------------------


@transaction.atomic
def seating_draw(*, meeting: Meeting, by=None, seed: str | None = None) -> SeatingDraw:
    """Draw by lot the State Party the seating starts from, and record the draw with its
    seed (documents/seating.py: the same seed gives the same State)."""
    seed = seed or secrets.token_hex(8)
    return SeatingDraw.objects.create(
        meeting=meeting,
        seed=seed,
        state=seating.draw(meeting, seed),
        drawn_at=clock.now(),
        drawn_by=by,
    )


@transaction.atomic
def seating_job_request(*, draw: SeatingDraw, kind: str, by=None) -> SeatingJob:
    """Staff ask for the seating plan or the nameplates of a draw; a worker renders it."""
    job = SeatingJob.objects.create(draw=draw, kind=kind, requested_by=by, created_at=clock.now())
    transaction.on_commit(lambda: enqueue_seating_job(job.pk))
    return job
