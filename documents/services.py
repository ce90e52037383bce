"""Every write of the documents app: badges and the jobs that workers render, visa
support letters and certificates of attendance."""

import secrets
from functools import partial

from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.db.models import Exists, OuterRef
from django.utils.translation import gettext as _

from accreditation.queries import badge_photo
from accreditation.services import give_identity_details, identity_details_of
from checkin.models import Checkin
from intersessional import clock, dates
from programme.models import Meeting
from registration.models import Delegate

from . import letters as letter_documents
from . import seating
from .badges import badge_content, fingerprint, render_badges
from .models import (
    Badge,
    BadgeBatch,
    Certificate,
    ExportJob,
    SeatingDraw,
    SeatingJob,
    VisaLetter,
)
from .tasks import (
    enqueue_badge_batch,
    enqueue_certificates,
    enqueue_export_job,
    enqueue_seating_job,
    enqueue_visa_letter,
    issue_certificate,
)


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


# Visa support letters and certificates of attendance ---------------------------------

ACTIVE = (Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED)


class DocumentRefused(Exception):
    """A refusal with a message for the person and, where it belongs to one, a field."""

    def __init__(self, message: str, *, field: str | None = None):
        super().__init__(message)
        self.message = message
        self.field = field


def meeting_is_over(meeting: Meeting) -> bool:
    """Certificates come after the last day (Geneva's calendar)."""
    return dates.geneva(clock.now()).date() > meeting.ends_on


def current_visa_letter(delegate: Delegate) -> VisaLetter | None:
    """The delegate's letter that is asked for, being prepared or issued (not revoked)."""
    return (
        VisaLetter.objects.filter(delegate=delegate)
        .exclude(status=VisaLetter.Status.REVOKED)
        .first()
    )


@transaction.atomic
def visa_letter_request(
    *,
    delegate: Delegate,
    consulate: str,
    arrives_on,
    departs_on,
    language: str,
    identity: dict | None = None,
) -> VisaLetter:
    """A delegate asks for a visa support letter; a request not yet approved is changed
    in place. `identity`: the identity details typed with the request (the cleaned data
    of accreditation's IdentityDetailsForm), given in the same transaction; without
    them, those given before are used."""
    if delegate.status not in ACTIVE:
        raise DocumentRefused(_("This registration is no longer active."))
    if identity is not None:
        give_identity_details(delegate=delegate, data=identity)
    elif identity_details_of(delegate) is None:
        raise DocumentRefused(_("Give your identity details first: the letter prints them."))
    if departs_on < arrives_on:
        raise DocumentRefused(_("The departure is before the arrival."), field="departs_on")
    letter = (
        VisaLetter.objects.select_for_update()
        .filter(delegate=delegate)
        .exclude(status=VisaLetter.Status.REVOKED)
        .first()
    )
    if letter is not None and letter.status != VisaLetter.Status.REQUESTED:
        raise DocumentRefused(_("Your letter is already approved: write to the ISU to change it."))
    letter = letter or VisaLetter(delegate=delegate, requested_at=clock.now())
    letter.consulate = consulate
    letter.arrives_on = arrives_on
    letter.departs_on = departs_on
    letter.language = language
    letter.save()
    return letter


def visa_letters_approve(*, letters, by=None) -> int:
    """Staff approve requested letters (one or many): the letter says what the identity
    details say now, gets its reference number, and a worker renders and e-mails it.
    Returns how many were approved (a letter whose identity details are gone is not)."""
    approved = []
    with transaction.atomic():
        for letter in (
            VisaLetter.objects.select_for_update()
            .filter(pk__in=[letter.pk for letter in letters], status=VisaLetter.Status.REQUESTED)
            .select_related("delegate__meeting")
        ):
            identity = identity_details_of(letter.delegate)
            if identity is None:
                continue
            letter.holder_name = identity.name_in_document or letter.delegate.full_name
            letter.nationality = identity.nationality
            letter.reference = letter_documents.reference_number(
                "VL", letter.delegate.meeting, letter.pk
            )
            letter.status = VisaLetter.Status.APPROVED
            letter.approved_at = clock.now()
            letter.approved_by = by
            letter.save()
            approved.append(letter.pk)
        for pk in approved:
            transaction.on_commit(partial(enqueue_visa_letter, pk))
    return len(approved)


@transaction.atomic
def visa_letter_revoke(*, letter: VisaLetter, by=None) -> bool:
    """The letter is no longer valid: its page says so and it is no longer downloaded."""
    changed = (
        VisaLetter.objects.filter(pk=letter.pk)
        .exclude(status=VisaLetter.Status.REVOKED)
        .update(status=VisaLetter.Status.REVOKED, revoked_at=clock.now())
    )
    return changed == 1


def visa_letters_revoke_for_departed(*, delegate) -> int:
    """A delegate withdrew or was declined (registration's on_member_left hook): every
    letter asked for them stops there, and an issued one is shown revoked to a
    consulate that checks it. Called inside the change of status's transaction; the
    worker issues only a letter still approved, so one being rendered stays revoked."""
    return (
        VisaLetter.objects.filter(delegate=delegate)
        .exclude(status=VisaLetter.Status.REVOKED)
        .update(status=VisaLetter.Status.REVOKED, revoked_at=clock.now())
    )


def visa_letter_pdf(*, letter: VisaLetter) -> bytes:
    """The issued letter's PDF, decrypted."""
    with letter.pdf.open("rb") as f:
        return letter_documents.unseal(f.read())


def _attended(delegates):
    """Those whom the door checked in at their meeting."""
    return delegates.filter(
        Exists(
            Checkin.objects.filter(
                delegate=OuterRef("pk"), checkin_list__meeting_id=OuterRef("meeting_id")
            )
        )
    )


def certificates_issue(*, delegates, by=None) -> int:
    """Staff issue certificates of attendance to the selected delegates whom the door
    checked in and who have none yet; a worker renders them. Returns how many."""
    created = []
    with transaction.atomic():
        for delegate in _attended(delegates.filter(certificate__isnull=True)).select_related(
            "meeting"
        ):
            if not meeting_is_over(delegate.meeting):
                continue
            created.append(_new_certificate(delegate).pk)
        transaction.on_commit(lambda: enqueue_certificates(created))
    return len(created)


def _new_certificate(delegate: Delegate) -> Certificate:
    certificate = Certificate.objects.create(
        delegate=delegate,
        language=delegate.language,
        days=[day.isoformat() for day in letter_documents.days_attended(delegate)],
        created_at=clock.now(),
    )
    certificate.reference = letter_documents.reference_number(
        "CA", delegate.meeting, certificate.pk
    )
    certificate.save(update_fields=["reference"])
    return certificate


def certificate_for(*, delegate: Delegate) -> Certificate | None:
    """The delegate's certificate, issued now if the meeting is over, the door checked
    them in and they have none (rendered here: one page); None when there is none to
    give. A revoked certificate is not given again."""
    if not meeting_is_over(delegate.meeting):
        return None
    certificate = Certificate.objects.filter(delegate=delegate).first()
    if certificate is None:
        if not letter_documents.days_attended(delegate):
            return None
        try:
            with transaction.atomic():
                certificate = _new_certificate(delegate)
        except IntegrityError:
            certificate = Certificate.objects.get(delegate=delegate)
    if certificate.status == Certificate.Status.QUEUED:
        issue_certificate(certificate.pk)
        certificate.refresh_from_db()
    return certificate if certificate.status == Certificate.Status.ISSUED else None


@transaction.atomic
def certificate_revoke(*, certificate: Certificate, by=None) -> bool:
    changed = (
        Certificate.objects.filter(pk=certificate.pk)
        .exclude(status=Certificate.Status.REVOKED)
        .update(status=Certificate.Status.REVOKED, revoked_at=clock.now())
    )
    return changed == 1


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
