"""What a person gives once to be let into the building and to travel: identity
details (for the venue's security list, visa support letters and the Sponsorship
Programme), the delegation's nominations, accessibility needs, and the photo for the
badge."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registration.models import Delegate, Delegation

from .fields import EncryptedDateField, EncryptedTextField


class IdentityDetails(models.Model):
    """A delegate's identity document, encrypted at rest (fields.py). Given once through
    the private link; read by the security list, visa letters and sponsorship.
    Deleted days after the meeting (a setting), before the rest of the retention."""

    class DocumentType(models.TextChoices):
        PASSPORT = "passport", _("Passport")
        IDENTITY_CARD = "identity_card", _("Identity card")

    delegate = models.OneToOneField(
        Delegate, on_delete=models.CASCADE, related_name="identity", verbose_name=_("delegate")
    )
    name_in_document = EncryptedTextField(_("name as in the passport or identity card"), blank=True)
    # The ISO 3166 alpha-3 code of a State in reference data (reference.State.alpha3).
    nationality = EncryptedTextField(_("nationality"))
    date_of_birth = EncryptedDateField(_("date of birth"))
    document_type = models.CharField(
        _("type of document"), max_length=20, choices=DocumentType.choices
    )
    document_number = EncryptedTextField(_("document number"))
    document_expires_on = EncryptedDateField(_("document valid until"))
    given_at = models.DateTimeField(_("given at"))
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("identity details")
        verbose_name_plural = _("identity details")
        permissions = [("export_security_list", _("Can download the venue's security list"))]

    def __str__(self):
        return str(self.delegate)


def nomination_path(nomination, _name_sent_by_the_browser: str) -> str:
    """A random name and the extension of the type found in the bytes: the name the
    browser sent is never part of a path."""
    return f"nominations/{uuid.uuid4().hex}.{nomination.file_type}"


class NominationQuerySet(models.QuerySet):
    def checked(self):
        return self.filter(checked_on__isnull=False)


class Nomination(models.Model):
    """A note verbale (a State's Permanent Mission or ministry) or a letter of nomination
    (an organisation) that names a delegation's members. Uploaded through the private
    link of its focal point or head; the ISU marks it received and checked in the
    admin. The file is served only to staff, as an attachment."""

    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        JPEG = "jpg", "JPEG"
        PNG = "png", "PNG"

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="nominations",
        verbose_name=_("delegation"),
    )
    file = models.FileField(_("file"), upload_to=nomination_path, max_length=200)
    file_type = models.CharField(
        _("file type"), max_length=4, choices=FileType.choices, editable=False
    )
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    # Shown to staff, never used as a path or as the name of a download.
    original_name = models.CharField(_("name of the file sent"), max_length=200, editable=False)
    uploaded_at = models.DateTimeField(_("sent at"), editable=False)
    members = models.ManyToManyField(
        Delegate,
        blank=True,
        related_name="+",
        verbose_name=_("members named in it"),
    )
    received_on = models.DateField(_("received on"), null=True, blank=True)
    checked_on = models.DateField(
        _("checked on"),
        null=True,
        blank=True,
        help_text=_("The day the ISU checked the nomination against the delegation."),
    )
    checked_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("checked by"),
        editable=False,
    )

    objects = NominationQuerySet.as_manager()

    class Meta:
        verbose_name = _("nomination")
        verbose_name_plural = _("nominations")
        ordering = ["-uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=models.Q(checked_on__isnull=True) | models.Q(received_on__isnull=False),
                name="nomination_checked_after_received",
            )
        ]

    def __str__(self):
        return str(self.delegation)

    @property
    def status(self) -> str:
        if self.checked_on:
            return "checked"
        return "received" if self.received_on else "waiting"

    @property
    def download_name(self) -> str:
        return f"nomination-{self.pk}.{self.file_type}"


class NominationReminder(models.Model):
    """The one reminder e-mail a delegation without a nomination gets before the
    meeting: the unique row makes sending it twice impossible."""

    delegation = models.OneToOneField(
        Delegation, on_delete=models.CASCADE, related_name="+", verbose_name=_("delegation")
    )
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("nomination reminder")
        verbose_name_plural = _("nomination reminders")

    def __str__(self):
        return str(self.delegation)


class AccessNeeds(models.Model):
    """What a participant needs to reach and follow the meeting, for the venue. Counted
    without names on the figures page; kept (without the free text) by the retention."""

    delegate = models.OneToOneField(
        Delegate, on_delete=models.CASCADE, related_name="access_needs", verbose_name=_("delegate")
    )
    wheelchair = models.BooleanField(_("wheelchair access"), default=False)
    support_person = models.BooleanField(_("accompanied by a support person"), default=False)
    sign_language = models.BooleanField(_("sign language interpretation"), default=False)
    other = models.CharField(_("other needs"), max_length=500, blank=True)
    updated_at = models.DateTimeField(_("updated at"))

    class Meta:
        verbose_name = _("accessibility needs")
        verbose_name_plural = _("accessibility needs")

    def __str__(self):
        return str(self.delegate)

    @property
    def any(self) -> bool:
        return self.wheelchair or self.support_person or self.sign_language or bool(self.other)


def _random_name(extension: str) -> str:
    # Never the name the browser sent, never the person's: nothing to guess or to read.
    return f"photos/{uuid.uuid4().hex}{extension}"


def photo_path(_photo, _name_sent_by_the_browser: str) -> str:
    return _random_name(".jpg")


def badge_photo_path(_photo, _name: str) -> str:
    return _random_name("-badge.jpg")


class Photo(models.Model):
    """A delegate's photo for the badge (one per delegate; a new one replaces it).
    Stored under random names and never public: staff, the door's screen and the
    delegate through their private link see it (photos.py says what is checked). The
    ISU approves or rejects it; only an approved photo is printed and shown at the door.
    """

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting for the ISU")
        APPROVED = "approved", _("Approved")
        REJECTED = "rejected", _("Rejected")

    class Reason(models.TextChoices):
        """Why a photo is rejected: said to the person in their own language."""

        FACE = "face", _("The face is not clearly visible (too dark, blurred, turned or covered).")
        NOT_PASSPORT_STYLE = (
            "not_passport_style",
            _(
                "It is not a passport-style photo: one person, facing the camera, head and "
                "shoulders, on a plain background."
            ),
        )
        NOT_A_PHOTO = (
            "not_a_photo",
            _("It is not a photograph of you (a drawing, an avatar, a document or someone else)."),
        )
        OTHER = "other", _("Another reason, explained in the note.")

    delegate = models.OneToOneField(
        Delegate, on_delete=models.CASCADE, related_name="photo", verbose_name=_("delegate")
    )
    # The photo cut to 35 x 45, without metadata (at most 1,050 x 1,350 pixels).
    image = models.FileField(_("photo"), upload_to=photo_path, max_length=100)
    # The same at the badge's print size (413 x 531 pixels: 35 x 45 mm at 300 dpi).
    badge_image = models.FileField(upload_to=badge_photo_path, max_length=100, editable=False)
    width = models.PositiveIntegerField(_("width"), editable=False)
    height = models.PositiveIntegerField(_("height"), editable=False)
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.PENDING
    )
    rejection_reason = models.CharField(
        _("reason for the rejection"), max_length=20, choices=Reason.choices, blank=True
    )
    # What the ISU adds for the person, in the words it chooses.
    rejection_note = models.TextField(_("note to the delegate"), blank=True)
    uploaded_at = models.DateTimeField(_("sent at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    # The link of the e-mail that says why a photo was rejected (registration/links.py):
    # it opens the page to send another, and only that.
    access_token_hash = models.CharField(max_length=64, blank=True, editable=False)

    class Meta:
        verbose_name = _("photo")
        verbose_name_plural = _("photos")
        indexes = [models.Index(fields=["access_token_hash"], name="photo_link_hash")]
        constraints = [
            models.CheckConstraint(
                condition=~models.Q(status="rejected") | ~models.Q(rejection_reason=""),
                name="photo_rejected_with_a_reason",
            ),
            models.CheckConstraint(
                condition=~models.Q(rejection_reason="other") | ~models.Q(rejection_note=""),
                name="photo_other_reason_explained",
            ),
        ]

    def __str__(self):
        return str(self.delegate)

    @property
    def is_approved(self) -> bool:
        return self.status == self.Status.APPROVED
