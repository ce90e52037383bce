"""Who takes the floor and who meets whom: the bilateral meetings of 6 June (the
speakers' lists are the delegates' requests for the floor, registration's
InterventionRequest, ordered and ticked here)."""

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
