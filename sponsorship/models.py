"""The Sponsorship Programme (issue 24): donors pay the travel of delegates from States
Parties that could not otherwise send an expert. A delegate applies, the Sponsorship
committee (the Donors' Group and its coordinator) decides, the delegate accepts the
offer, the travel administrator issues the ticket, and the door and the floor say
whether they came and spoke.

Identity details (passport, date of birth) are accreditation's IdentityDetails, given
once and shared; the nomination letter is kept here. Both are deleted
SPONSORSHIP_PERSONAL_DATA_DAYS after the meeting (services.personal_data_delete)."""

import uuid
from decimal import Decimal

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.models import Meeting
from reference.models import Obligation
from registration.models import Delegate


class Programme(models.Model):
    """A meeting's Sponsorship Programme: its settings, edited in the admin. Its row is
    the lock every offer takes (services.application_decide): offers are counted
    against the budget one at a time."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting")
    )
    applications_open = models.BooleanField(_("applications are open"), default=False)
    deadline = models.DateTimeField(
        _("deadline for applications"),
        help_text=_("Earlier than registration's: travel needs time."),
    )
    states_not_party_may_apply = models.BooleanField(
        _("States not party may apply"),
        default=False,
        help_text=_(
            "By default only States Parties on the meeting's first day; on for universalisation."
        ),
    )
    offers_per_state = models.PositiveSmallIntegerField(
        _("offers per State"),
        default=1,
        help_text=_("How many applicants of one State may be offered."),
    )
    budget_chf = models.DecimalField(_("budget (CHF)"), max_digits=10, decimal_places=2)
    daily_allowance_chf = models.DecimalField(
        _("daily subsistence allowance for Geneva (CHF)"), max_digits=8, decimal_places=2
    )
    ticket_estimate_chf = models.DecimalField(
        _("ticket estimate (CHF)"),
        max_digits=8,
        decimal_places=2,
        help_text=_("What an offer is counted at until the ticket's real cost is known."),
    )
    nights = models.PositiveSmallIntegerField(_("nights in Geneva"), default=3)
    days_to_answer = models.PositiveSmallIntegerField(_("days to answer an offer"), default=7)

    class Meta:
        verbose_name = _("sponsorship programme")
        verbose_name_plural = _("sponsorship programmes")

    def __str__(self):
        return str(self.meeting)

    def estimate(self) -> Decimal:
        """What one offer is counted at: a ticket and the allowance for the nights."""
        return self.ticket_estimate_chf + self.daily_allowance_chf * self.nights


def letter_path(application, _name_sent_by_the_browser: str) -> str:
    """A random name and the type found in the bytes: never the name the browser sent."""
    return f"sponsorship/nominations/{uuid.uuid4().hex}.{application.nomination_type}"


def sponsorship_letter_path(travel, _name: str) -> str:
    return f"sponsorship/letters/{uuid.uuid4().hex}.pdf"


class Application(models.Model):
    class Status(models.TextChoices):
        APPLIED = "applied", _("Applied")
        WAIT_LISTED = "wait_listed", _("Wait-listed")
        NOT_OFFERED = "not_offered", _("Not offered")
        OFFERED = "offered", _("Offered")
        ACCEPTED = "accepted", _("Accepted")
        OFFER_DECLINED = "offer_declined", _("Offer declined")
        OFFER_LAPSED = "offer_lapsed", _("Offer not answered in time")

    # The budget counts these: an offer holds its estimate until it is declined or lapses.
    COMMITTED = [Status.OFFERED, Status.ACCEPTED]

    programme = models.ForeignKey(
        Programme,
        on_delete=models.CASCADE,
        related_name="applications",
        verbose_name=_("programme"),
    )
    delegate = models.OneToOneField(
        Delegate, on_delete=models.CASCADE, related_name="sponsorship", verbose_name=_("delegate")
    )
    priority = models.PositiveSmallIntegerField(
        _("focal point's priority"),
        null=True,
        blank=True,
        help_text=_("1 is the delegation's first choice; empty when the person applied alone."),
    )
    obligation = models.ForeignKey(
        Obligation,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("obligation worked on"),
    )
    implementation_role = models.TextField(_("part in the State's implementation work"))
    departure_city = models.CharField(_("city of departure"), max_length=100)
    needs_schengen_visa = models.BooleanField(_("needs a Schengen visa"), default=False)
    nomination = models.FileField(
        _("nomination letter"), upload_to=letter_path, max_length=200, blank=True
    )
    nomination_type = models.CharField(max_length=8, blank=True, editable=False)
    nomination_name = models.CharField(max_length=200, blank=True, editable=False)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.APPLIED
    )
    reason = models.TextField(_("reason given"), blank=True)
    estimate_chf = models.DecimalField(
        _("estimate (CHF)"), max_digits=10, decimal_places=2, null=True, blank=True
    )
    answer_by = models.DateField(_("answer by"), null=True, blank=True)
    applied_at = models.DateTimeField(_("applied at"))
    decided_at = models.DateTimeField(_("decided at"), null=True, blank=True)
    decided_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("decided by"),
    )
    answered_at = models.DateTimeField(_("answered at"), null=True, blank=True)
    # Emptied with the rest of the sensitive data (services.personal_data_delete).
    personal_data_deleted_at = models.DateTimeField(null=True, blank=True, editable=False)
    access_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Raised by every write: a decision taken on an older page is refused, not saved over
    # another committee member's.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("sponsorship application")
        verbose_name_plural = _("sponsorship applications")
        ordering = ["applied_at"]
        indexes = [models.Index(fields=["access_token_hash"], name="sponsorship_link_hash")]
        permissions = [
            ("decide_application", _("Can decide sponsorship applications")),
            ("view_identity", _("Can see passports, birth dates and nomination letters")),
            ("view_sponsorship_report", _("Can see the sponsorship report")),
        ]
        constraints = [
            models.CheckConstraint(
                condition=Q(estimate_chf__isnull=False) | ~Q(status__in=["offered", "accepted"]),
                name="an_offer_has_an_estimate",
            ),
        ]

    def __str__(self):
        return str(self.delegate)

    @property
    def is_offer_open(self) -> bool:
        return self.status == self.Status.OFFERED


class Travel(models.Model):
    """What the travel administrator books for an accepted offer."""

    application = models.OneToOneField(
        Application, on_delete=models.CASCADE, related_name="travel", verbose_name=_("application")
    )
    itinerary = models.TextField(_("itinerary"))
    ticket_cost_chf = models.DecimalField(_("ticket cost (CHF)"), max_digits=10, decimal_places=2)
    hotel = models.CharField(_("hotel"), max_length=200, blank=True)
    nights = models.PositiveSmallIntegerField(_("nights"))
    allowance_chf = models.DecimalField(_("allowance (CHF)"), max_digits=10, decimal_places=2)
    issued_at = models.DateTimeField(_("ticket issued at"), null=True, blank=True)
    recorded_by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("recorded by"),
    )
    letter = models.FileField(
        _("sponsorship letter"), upload_to=sponsorship_letter_path, max_length=200, blank=True
    )
    letter_rendered_at = models.DateTimeField(null=True, blank=True, editable=False)

    class Meta:
        verbose_name = _("travel")
        verbose_name_plural = _("travel")

    def __str__(self):
        return str(self.application)

    @property
    def cost(self) -> Decimal:
        return self.ticket_cost_chf + self.allowance_chf


class NominationDownload(models.Model):
    """Every download of a nomination letter: who and when (issue 24, personal data)."""

    application = models.ForeignKey(
        Application, on_delete=models.CASCADE, related_name="+", verbose_name=_("application")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    at = models.DateTimeField(_("downloaded at"))

    class Meta:
        verbose_name = _("download of a nomination letter")
        verbose_name_plural = _("downloads of nomination letters")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.application} ({self.at:%Y-%m-%d %H:%M})"
