"""Every write of the accreditation app's photos: a delegate sends one, the ISU
approves or rejects it (with a reason e-mailed in the person's language and a link to
send another). Each runs in one transaction; files are written and removed once it has
committed, so a rollback leaves no file behind and loses none."""

from django.core.files.base import ContentFile
from django.db import transaction
from django.utils.translation import gettext as _

from intersessional import clock
from registration import links
from registration.emails import queue_email
from registration.models import Delegate
from registration.services import RegistrationError

from . import photos
from .models import Photo

ACTIVE = (Delegate.Status.REGISTERED, Delegate.Status.CONFIRMED)


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
