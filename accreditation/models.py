"""What a person gives once to be let into the building and to travel: identity
details (for the venue's security list, visa support letters and the Sponsorship
Programme), and later nominations, photos and accessibility needs."""

import uuid

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _

from registration.models import Delegate

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

    def __str__(self):
        return str(self.delegate)


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
