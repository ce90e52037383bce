"""What a person gives once to be let into the building and to travel: identity
details (for the venue's security list, visa support letters and the Sponsorship
Programme), and later nominations, photos and accessibility needs."""

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
