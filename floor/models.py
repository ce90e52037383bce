"""Who takes the floor and who meets whom: the bilateral meetings of 6 June, and the
statements and presentations delegations deliver (the speakers' lists are the
delegates' requests for the floor, registration's InterventionRequest, ordered and
ticked here)."""

import uuid

from django.contrib.postgres.fields import RangeOperators
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.models import PostgresExclusionConstraint, TsTzRange
from registration.models import Delegation


class BilateralInvitation(models.Model):
    """An invitation to meet the President or a Committee on the bilateral day.

    A slot holds one delegation: the database refuses a second live invitation for a
    slot, and a delegation in two slots that overlap."""

    class Status(models.TextChoices):
        INVITED = "invited", _("Invited")
        ACCEPTED = "accepted", _("Accepted")
        DECLINED = "declined", _("Declined")

    slot = models.ForeignKey(
        "programme.BilateralSlot",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("slot"),
    )
    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="bilateral_invitations",
        verbose_name=_("delegation"),
    )
    # Copied from the slot so that PostgreSQL can refuse overlapping meetings itself.
    starts_at = models.DateTimeField(editable=False)
    ends_at = models.DateTimeField(editable=False)
    status = models.CharField(
        _("answer"), max_length=20, choices=Status.choices, default=Status.INVITED
    )
    access_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    invited_at = models.DateTimeField(_("invited at"))
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)

    class Meta:
        verbose_name = _("bilateral meeting invitation")
        verbose_name_plural = _("bilateral meeting invitations")
        ordering = ["starts_at"]
        constraints = [
            models.UniqueConstraint(
                fields=["slot"],
                condition=Q(status__in=["invited", "accepted"]),
                name="one_delegation_per_bilateral_slot",
                violation_error_message=_("Another delegation is already invited to this slot."),
            ),
            PostgresExclusionConstraint(
                name="delegation_never_in_two_bilaterals_at_once",
                expressions=[
                    ("delegation", RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                ],
                condition=Q(status__in=["invited", "accepted"]),
                violation_error_message=_(
                    "The delegation already has a bilateral meeting at that time."
                ),
            ),
        ]

    def __str__(self):
        return f"{self.delegation}: {self.slot}"


class UpdatesInvitation(models.Model):
    """The e-mail that invites a delegation to present the updates the programme asks
    of its State (floor.services.updates_invitation_send), sent once per delegation:
    the database holds one row per delegation, whatever two transactions try at once.
    Its private link opens the updates and the one-step button for the speakers'
    lists, and nothing else of the delegation."""

    delegation = models.OneToOneField(
        Delegation,
        on_delete=models.CASCADE,
        related_name="updates_invitation",
        verbose_name=_("delegation"),
    )
    access_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("invitation to present updates")
        verbose_name_plural = _("invitations to present updates")
        ordering = ["-sent_at"]

    def __str__(self):
        return str(self.delegation)


def statement_path(statement, _name_sent_by_the_browser: str) -> str:
    """Where a statement's file is stored: a random name and the extension of the type
    found in its bytes. The name the browser sent is never part of a path."""
    return f"statements/{uuid.uuid4().hex}.{statement.file_type}"


class StatementQuerySet(models.QuerySet):
    def published(self):
        return self.filter(published_at__isnull=False)

    def for_list(self):
        return self.select_related(
            "delegation__state", "delegation__organisation", "agenda_item__session"
        )


class Statement(models.Model):
    """A statement or presentation a delegation delivers on an agenda item.

    Uploaded through a private link; public only once it was delivered in the room
    (ticking "spoke" on the speakers' list marks it) and staff published it."""

    class Kind(models.TextChoices):
        STATEMENT = "statement", _("Statement")
        PRESENTATION = "presentation", _("Presentation")

    class Language(models.TextChoices):
        # The six official languages of the United Nations, coded as the site's
        # languages are (settings.LANGUAGES).
        ARABIC = "ar", _("Arabic")
        CHINESE = "zh-hans", _("Chinese")
        ENGLISH = "en", _("English")
        FRENCH = "fr", _("French")
        RUSSIAN = "ru", _("Russian")
        SPANISH = "es", _("Spanish")

    class FileType(models.TextChoices):
        PDF = "pdf", "PDF"
        DOCX = "docx", _("Word (DOCX)")
        PPTX = "pptx", _("PowerPoint (PPTX)")
        ODT = "odt", _("OpenDocument text (ODT)")
        ODP = "odp", _("OpenDocument presentation (ODP)")

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="statements",
        verbose_name=_("delegation"),
    )
    agenda_item = models.ForeignKey(
        "programme.AgendaItem",
        on_delete=models.PROTECT,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    kind = models.CharField(_("type"), max_length=20, choices=Kind.choices)
    language = models.CharField(_("language"), max_length=8, choices=Language.choices)
    file = models.FileField(_("file"), upload_to=statement_path, max_length=200)
    file_type = models.CharField(
        _("file type"), max_length=4, choices=FileType.choices, editable=False
    )
    size = models.PositiveIntegerField(_("size in bytes"), editable=False)
    # Shown to people, never used as a path or as the name of a download.
    original_name = models.CharField(_("name of the file sent"), max_length=200, editable=False)
    reflects_gender_and_diversity = models.BooleanField(_("reflects gender and diversity"))
    includes_disaggregated_data = models.BooleanField(_("includes sex- and age-disaggregated data"))
    uploaded_at = models.DateTimeField(_("received at"), editable=False)
    delivered_at = models.DateTimeField(_("delivered at"), null=True, blank=True, editable=False)
    published_at = models.DateTimeField(_("published at"), null=True, blank=True, editable=False)

    objects = StatementQuerySet.as_manager()

    class Meta:
        verbose_name = _("statement or presentation")
        verbose_name_plural = _("statements and presentations")
        ordering = ["agenda_item", "uploaded_at"]
        constraints = [
            models.CheckConstraint(
                condition=Q(published_at__isnull=True) | Q(delivered_at__isnull=False),
                name="statement_published_only_after_delivery",
                violation_error_message=_("A statement is published only once delivered."),
            ),
        ]

    def __str__(self):
        return f"{self.agenda_item}: {self.delegation} ({self.get_kind_display()})"

    @property
    def is_published(self) -> bool:
        return self.published_at is not None

    @property
    def is_delivered(self) -> bool:
        return self.delivered_at is not None

    @property
    def download_name(self) -> str:
        """The name a download gets: made here from the item and the delegation's code,
        never from what was uploaded."""
        who = self.delegation.state.alpha3 if self.delegation.state_id else "org"
        return (
            f"{self.kind}-item-{self.agenda_item.number}-{who.lower()}-{self.pk}.{self.file_type}"
        )
