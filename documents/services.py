"""Every write of the documents app: badges and the jobs that workers render."""

from django.core.files.base import ContentFile
from django.db import transaction

from accreditation.queries import badge_photo
from intersessional import clock
from programme.models import Meeting
from registration.models import Delegate

from .badges import badge_content, fingerprint, render_badges
from .models import Badge, BadgeBatch, ExportJob
from .tasks import enqueue_badge_batch, enqueue_export_job


def badge_pdf_for(*, delegate: Delegate) -> bytes:
    """The delegate's badge alone (A6), rendered again only when what it shows changed."""
    photo = badge_photo(delegate.pk)
    current = fingerprint(badge_content(delegate, photo))
    badge = Badge.objects.filter(delegate=delegate).first()
    if badge is not None and badge.fingerprint == current and badge.pdf:
        with badge.pdf.open("rb") as f:
            return f.read()
    pdf = render_badges([delegate], layout="single", photos={delegate.pk: photo})
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
