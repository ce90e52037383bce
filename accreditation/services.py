"""Every write of the accreditation app, each one transaction (house style: one
keyword-only function per action). Other apps call these: documents (visa letters),
sponsorship (applications) read and give identity details through
`identity_details_of` and `give_identity_details`.

Photos: a delegate sends one, the ISU approves or rejects it (with a reason e-mailed in
the person's language and a link to send another). Files (photos and nominations) are
written once the transaction has committed, so a rollback leaves no file behind and
loses none."""

from datetime import timedelta

from auditlog.models import LogEntry
from django.conf import settings
from django.core.files.base import ContentFile
from django.db import IntegrityError, transaction
from django.utils.translation import gettext as _

from intersessional import clock
from programme.models import Meeting
from reference.models import State
from registration import links
from registration.emails import queue_email
from registration.models import Delegate, Delegation
from registration.services import RegistrationError

from . import photos, uploads
from .models import AccessNeeds, IdentityDetails, Nomination, NominationReminder, Photo

# The registrations that may still give details, send files and receive e-mails.
ACTIVE = (Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED)

# What a person gives, in the order of the form.
IDENTITY_FIELDS = [
    "name_in_document",
    "nationality",
    "date_of_birth",
    "document_type",
    "document_number",
    "document_expires_on",
]
# In the audit log an identity detail is never written, only that it changed.
HIDDEN = "•••"


def audit(instance, *, action, changes: dict, by=None, via: str = "") -> LogEntry:
    """An audit log entry (django-auditlog's, as privacy/audit.py's models write) for
    a row of this app, written by hand so that no value of an identity detail or a
    file's content ever reaches the log: `changes` is {field: [before, after]} as the
    caller chooses to show it. The entry names the row by its number, not the person."""
    return LogEntry.objects.log_create(
        instance,
        action=action,
        changes=changes,
        actor=by if by is not None and by.is_authenticated else None,
        additional_data={"via": via or ("staff account" if by is not None else "private link")},
        object_repr=f"{instance._meta.verbose_name} #{instance.pk}",
        force_log=True,
    )


def identity_details_of(delegate: Delegate) -> IdentityDetails | None:
    """The delegate's identity details, or None when they gave none (or they were
    deleted after the meeting)."""
    return IdentityDetails.objects.filter(delegate=delegate).first()


def _alpha3(nationality) -> str:
    return nationality.alpha3 if isinstance(nationality, State) else str(nationality).upper()


@transaction.atomic
def give_identity_details(*, delegate: Delegate, data: dict, by=None) -> IdentityDetails:
    """Create or update the delegate's identity details from `data` (the cleaned data of
    forms.IdentityDetailsForm: `nationality` a State or its alpha-3 code). `by`: the
    staff account that typed them, None for the person through their private link.
    The audit log records which fields changed, never their values."""
    now = clock.now()
    details = IdentityDetails.objects.select_for_update().filter(delegate=delegate).first()
    created = details is None
    if created:
        details = IdentityDetails(delegate=delegate, given_at=now)
    values = {field: data[field] for field in IDENTITY_FIELDS if field in data}
    if "nationality" in values:
        values["nationality"] = _alpha3(values["nationality"])
    values.setdefault("name_in_document", details.name_in_document or "")
    changed = [f for f, value in values.items() if created or getattr(details, f) != value]
    for field, value in values.items():
        setattr(details, field, value)
    if not created and not changed:
        return details
    details.updated_at = now
    details.full_clean(exclude=["delegate"])
    details.save()
    audit(
        details,
        action=LogEntry.Action.CREATE if created else LogEntry.Action.UPDATE,
        changes={field: ["" if created else HIDDEN, HIDDEN] for field in changed},
        by=by,
    )
    return details


# Accessibility needs --------------------------------------------------------------

ACCESS_FIELDS = ["wheelchair", "support_person", "sign_language", "other"]


def access_needs_of(delegate: Delegate) -> AccessNeeds | None:
    return AccessNeeds.objects.filter(delegate=delegate).first()


@transaction.atomic
def give_access_needs(*, delegate: Delegate, data: dict, by=None) -> AccessNeeds:
    """Create or update what the delegate needs to reach and follow the meeting."""
    needs = AccessNeeds.objects.select_for_update().filter(delegate=delegate).first()
    created = needs is None
    if created:
        needs = AccessNeeds(delegate=delegate)
    values = {field: data[field] for field in ACCESS_FIELDS if field in data}
    values["other"] = " ".join(str(values.get("other", needs.other) or "").split())
    changed = {
        f: [getattr(needs, f) if not created else "", v]
        for f, v in values.items()
        if created or getattr(needs, f) != v
    }
    if not changed:
        return needs
    for field, value in values.items():
        setattr(needs, field, value)
    needs.updated_at = clock.now()
    needs.save()
    audit(
        needs,
        action=LogEntry.Action.CREATE if created else LogEntry.Action.UPDATE,
        changes={f: [str(before), str(after)] for f, (before, after) in changed.items()},
        by=by,
    )
    return needs


# Identity details are deleted days after the meeting -----------------------------


def identity_details_end(meeting: Meeting):
    """The last day the identity details of this meeting are kept."""
    return meeting.ends_on + timedelta(days=settings.IDENTITY_DETAILS_RETENTION_DAYS)


@transaction.atomic
def identity_details_delete_expired() -> int:
    """Delete the identity details of every meeting that ended more than
    IDENTITY_DETAILS_RETENTION_DAYS ago, with their audit entries (which hold no value
    but say whose they were). Idempotent; run daily by beat. Returns how many."""
    today = clock.now().astimezone(clock.GENEVA).date()
    cutoff = today - timedelta(days=settings.IDENTITY_DETAILS_RETENTION_DAYS)
    rows = IdentityDetails.objects.filter(delegate__meeting__ends_on__lt=cutoff)
    pks = list(rows.values_list("pk", flat=True))
    if not pks:
        return 0
    LogEntry.objects.filter(
        content_type__app_label="accreditation",
        content_type__model="identitydetails",
        object_pk__in=[str(pk) for pk in pks],
    ).delete()
    IdentityDetails.objects.filter(pk__in=pks).delete()
    return len(pks)


def venue_list_downloaded(*, meeting: Meeting, by, rows: int, kind: str) -> LogEntry:
    """Record a download of a venue list (who, when, how many rows) in the audit log,
    against the meeting."""
    return LogEntry.objects.log_create(
        meeting,
        action=LogEntry.Action.ACCESS,
        changes={kind: ["", f"{rows} rows downloaded"]},
        actor=by,
        additional_data={"via": "staff account", "download": kind, "rows": rows},
        force_log=True,
    )


# Nominations ----------------------------------------------------------------------


class UploadRefused(RegistrationError):
    field = "file"


@transaction.atomic
def nomination_upload(*, delegation: Delegation, upload, members=()) -> Nomination:
    """Store a note verbale or letter of nomination sent through a private link: typed
    by its bytes (PDF, JPEG, PNG), at most 10 MB, under a random name. `members`: the
    delegates it names, ticked by the sender."""
    try:
        file_type = uploads.file_type(upload)
        original_name = uploads.display_name(upload.name)
    except uploads.UploadRefused as refused:
        raise UploadRefused(refused.message) from None
    nomination = Nomination(
        delegation=delegation,
        file_type=file_type,
        size=upload.size,
        original_name=original_name,
        uploaded_at=clock.now(),
    )
    # The file is written once the row is committed (as floor's statements are), so a
    # transaction rolled back leaves no file behind.
    nomination.file.name = nomination.file.field.generate_filename(nomination, upload.name)
    nomination.save()
    transaction.on_commit(lambda: _nomination_store(nomination, upload))
    chosen = [m for m in members if m.delegation_id == delegation.pk]
    if chosen:
        nomination.members.set(chosen)
    audit(
        nomination,
        action=LogEntry.Action.CREATE,
        changes={"file": ["", f"{nomination.get_file_type_display()}, {nomination.size} bytes"]},
    )
    return nomination


def _nomination_store(nomination: Nomination, upload) -> None:
    """Write a committed nomination's file; should that fail, the row goes too."""
    try:
        stored = nomination.file.storage.save(nomination.file.name, upload)
    except Exception:
        Nomination.objects.filter(pk=nomination.pk).delete()
        raise
    if stored != nomination.file.name:
        Nomination.objects.filter(pk=nomination.pk).update(file=stored)
        nomination.file.name = stored


@transaction.atomic
def nomination_mark(
    *, nomination: Nomination, received_on=None, checked_on=None, by=None
) -> Nomination:
    """The ISU marks a nomination received and (then) checked, each with its date.
    Checking a nomination not yet marked received marks it received the same day."""
    if checked_on and not (received_on or nomination.received_on):
        received_on = checked_on
    changes = {}
    if received_on and received_on != nomination.received_on:
        changes["received_on"] = [str(nomination.received_on or ""), str(received_on)]
        nomination.received_on = received_on
    if checked_on and checked_on != nomination.checked_on:
        changes["checked_on"] = [str(nomination.checked_on or ""), str(checked_on)]
        nomination.checked_on = checked_on
        nomination.checked_by = by if by is not None and by.is_authenticated else None
    if changes:
        nomination.save(update_fields=["received_on", "checked_on", "checked_by"])
        audit(
            nomination,
            action=LogEntry.Action.UPDATE,
            changes=changes,
            by=by,
            # The ISU's work: from the admin, or a script or the demo (no account).
            via="staff account" if by is not None else "system",
        )
    return nomination


def nomination_downloaded(*, nomination: Nomination, by) -> LogEntry:
    """Every time staff open a nomination's file, the audit log says who and when."""
    return audit(
        nomination, action=LogEntry.Action.ACCESS, changes={"file": ["", "downloaded"]}, by=by
    )


REMINDER_DAYS = 10


def reminder_recipient(delegation: Delegation) -> tuple[str, str] | None:
    """(address, language) of whom a delegation's reminder goes to: its focal point,
    else its head, else its first member to register; None when it has no one."""
    if delegation.focal_point_email:
        return delegation.focal_point_email, delegation.focal_point_language
    members = delegation.delegates.active().order_by("created_at", "pk")
    person = members.filter(role=Delegate.Role.HEAD).first() or members.first()
    return (person.email, person.language) if person else None


def delegations_to_remind(meeting: Meeting):
    """Active delegations of the meeting that sent no nomination and were not reminded."""
    return (
        Delegation.objects.filter(meeting=meeting, delegates__status__in=ACTIVE)
        .exclude(nominations__isnull=False)
        .exclude(pk__in=NominationReminder.objects.values("delegation_id"))
        .select_related("state", "organisation", "meeting")
        .distinct()
    )


def nomination_reminders_send(*, meeting: Meeting | None = None) -> int:
    """Ten days before a meeting (and on any later day before it starts), e-mail each
    delegation still without a nomination, once: the NominationReminder row is written
    in the same transaction as the outbox's e-mail, and its unique index refuses a
    second. Run daily by beat and by `manage.py send_nomination_reminders`."""
    today = clock.now().astimezone(clock.GENEVA).date()
    meetings = (
        [meeting]
        if meeting is not None
        else Meeting.objects.filter(
            starts_on__gt=today, starts_on__lte=today + timedelta(days=REMINDER_DAYS)
        )
    )
    sent = 0
    for current in meetings:
        if not (today < current.starts_on <= today + timedelta(days=REMINDER_DAYS)):
            continue
        for delegation in delegations_to_remind(current):
            sent += _remind(delegation)
    return sent


def _remind(delegation: Delegation) -> int:
    recipient = reminder_recipient(delegation)
    if recipient is None:
        return 0
    email, language = recipient
    try:
        with transaction.atomic():
            NominationReminder.objects.create(delegation=delegation, sent_at=clock.now())
            queue_email(
                kind="nomination_reminder",
                to=email,
                language=language,
                context={"meeting": delegation.meeting, "delegation": delegation},
            )
    except IntegrityError:
        return 0  # another run reminded it a moment ago
    return 1


def nomination_status(delegation_ids) -> dict[int, str]:
    """{delegation id: "checked" | "received" | "waiting"} of the delegations that sent
    a nomination (the best of theirs); one query."""
    best = {}
    rank = {"waiting": 0, "received": 1, "checked": 2}
    rows = Nomination.objects.filter(delegation_id__in=delegation_ids).values_list(
        "delegation_id", "received_on", "checked_on"
    )
    for delegation_id, received, checked in rows:
        status = "checked" if checked else "received" if received else "waiting"
        if rank[status] >= rank[best.get(delegation_id, "waiting")]:
            best[delegation_id] = status
    return best


# Photos ---------------------------------------------------------------------------


class PhotoRefused(RegistrationError):
    field = "image"


def _store(name: str, content: bytes, storage) -> None:
    stored = storage.save(name, ContentFile(content))
    if stored != name:  # never: the names are random; said loudly should it happen
        raise RuntimeError(f"Photo stored as {stored!r}, not {name!r}")


@transaction.atomic
def photo_upload(*, delegate: Delegate, upload) -> Photo:
    """Keep the delegate's new photo, waiting for the ISU; it replaces the one before
    (whose files go). PhotoRefused with a message for the person when the file is not
    what a badge needs (photos.py)."""
    if delegate.status not in ACTIVE:
        raise PhotoRefused(_("This registration is no longer active."))
    try:
        prepared = photos.prepare(upload)
    except photos.PhotoRefused as refusal:
        raise PhotoRefused(refusal.message) from refusal
    # The delegate's row is locked: two photos sent at once make one row.
    Delegate.objects.select_for_update().filter(pk=delegate.pk).first()
    photo = Photo.objects.filter(delegate=delegate).first() or Photo(delegate=delegate)
    old = [f.name for f in (photo.image, photo.badge_image) if f]
    photo.image.name = photo.image.field.generate_filename(photo, "photo.jpg")
    photo.badge_image.name = photo.badge_image.field.generate_filename(photo, "badge.jpg")
    photo.width, photo.height = prepared.width, prepared.height
    photo.status = Photo.Status.PENDING
    photo.rejection_reason = photo.rejection_note = ""
    photo.uploaded_at = clock.now()
    photo.decided_at = photo.decided_by = None
    photo.save()
    storage = photo.image.storage
    image_name, badge_name = photo.image.name, photo.badge_image.name

    def write_files():
        try:
            _store(image_name, prepared.photo, storage)
            _store(badge_name, prepared.badge, storage)
        except Exception:
            # No row may point to a file that is not there.
            Photo.objects.filter(pk=photo.pk, image=image_name).delete()
            raise
        for name in old:
            storage.delete(name)
        # A photo sent at the same moment and committed after this one removed these
        # names, maybe before they were written: if it replaced this one, ours go.
        if not Photo.objects.filter(pk=photo.pk, image=image_name).exists():
            for name in (image_name, badge_name):
                storage.delete(name)

    transaction.on_commit(write_files)
    return photo


@transaction.atomic
def photo_approve(*, photo: Photo, by=None) -> bool:
    """The ISU approves a photo (waiting, or rejected before): it is printed on the
    badge and shown at the door. False when it was approved already."""
    now = clock.now()
    done = (
        Photo.objects.filter(pk=photo.pk)
        .exclude(status=Photo.Status.APPROVED)
        .update(
            status=Photo.Status.APPROVED,
            decided_at=now,
            decided_by=by,
            rejection_reason="",
            rejection_note="",
        )
    )
    if done:
        photo.status, photo.decided_at, photo.decided_by = Photo.Status.APPROVED, now, by
    return bool(done)


@transaction.atomic
def photo_reject(*, photo: Photo, reason: str, note: str = "", by=None) -> bool:
    """The ISU rejects a photo (waiting, or approved before) for one of Photo.Reason,
    which the delegate receives by e-mail in their language with the ISU's note and a
    link to send another. False when it was already rejected."""
    note = note.strip()
    if reason not in Photo.Reason.values:
        raise RegistrationError(_("Say why the photo is rejected: the delegate is told."))
    if reason == Photo.Reason.OTHER and not note:
        raise RegistrationError(_("Explain the other reason in the note: the delegate reads it."))
    row = (
        Photo.objects.select_for_update()
        .select_related("delegate__meeting")
        .filter(pk=photo.pk)
        .exclude(status=Photo.Status.REJECTED)
        .first()
    )
    if row is None:
        return False
    token = links.issue_token(row)
    row.status = Photo.Status.REJECTED
    row.rejection_reason, row.rejection_note = reason, note
    row.decided_at, row.decided_by = clock.now(), by
    row.save(
        update_fields=[
            "status",
            "rejection_reason",
            "rejection_note",
            "decided_at",
            "decided_by",
            "access_token_hash",
        ]
    )
    delegate = row.delegate
    queue_email(
        kind="photo_rejected",
        to=delegate.email,
        delegate=delegate,
        language=delegate.language,
        context=lambda: {
            "meeting": delegate.meeting,
            "delegate": delegate,
            "reason": Photo.Reason(reason).label,
            "note": note,
            "link": links.url(Photo, token),
        },
    )
    for field in ("status", "rejection_reason", "rejection_note", "decided_at", "decided_by_id"):
        setattr(photo, field, getattr(row, field))
    return True
