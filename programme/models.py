"""The meeting and its time. This app knows nothing about people."""

from datetime import datetime, timedelta

from django.db import models
from django.db.models import F, Q
from django.utils.translation import gettext_lazy as _


class MeetingQuerySet(models.QuerySet):
    def current(self):
        """The meeting the public site is about: the one that starts last."""
        return self.order_by("-starts_on").first()


class Meeting(models.Model):
    """One intersessional meeting. The next year's meeting is a new row, not new code."""

    slug = models.SlugField(_("short name in addresses"), unique=True)
    title = models.CharField(_("title"), max_length=200)
    convened_by = models.CharField(
        _("convened by"),
        max_length=200,
        help_text=_(
            "Who invites, e.g. the President of the Seventeenth Meeting of the States Parties."
        ),
    )
    president_name = models.CharField(_("name of the President"), max_length=200)
    venue_name = models.CharField(_("venue"), max_length=200)
    venue_address = models.CharField(_("venue address"), max_length=300)
    starts_on = models.DateField(_("first day"))
    ends_on = models.DateField(_("last day"))
    bilateral_day = models.DateField(
        _("day of bilateral meetings"),
        null=True,
        blank=True,
        help_text=_(
            "The day before the meetings when the President and the Committees meet "
            "delegations by invitation."
        ),
    )
    registration_deadline = models.DateTimeField(
        _("registration deadline"),
        help_text=_("The last moment at which the public forms accept a registration."),
    )
    thematic_discussion = models.CharField(
        _("thematic discussion"),
        max_length=300,
        blank=True,
    )
    contact_email = models.EmailField(_("contact e-mail of the ISU"))

    objects = MeetingQuerySet.as_manager()

    class Meta:
        verbose_name = _("meeting")
        verbose_name_plural = _("meetings")
        ordering = ["-starts_on"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_on__gte=F("starts_on")),
                name="meeting_ends_after_it_starts",
            ),
            models.CheckConstraint(
                condition=Q(bilateral_day__isnull=True) | Q(bilateral_day__lt=F("starts_on")),
                name="meeting_bilaterals_before_it_starts",
            ),
        ]

    def __str__(self):
        return self.title

    def registration_is_open(self, at: datetime) -> bool:
        """Open up to and including the deadline's last whole second.

        The deadline is stored as 23:59:59 Geneva time; a submission at
        23:59:59.4 still belongs to that second and is accepted.
        """
        return at < self.registration_deadline + timedelta(seconds=1)


class Committee(models.Model):
    """One of the Convention's standing Committees."""

    slug = models.SlugField(_("short name in addresses"), unique=True)
    name = models.CharField(_("name"), max_length=200, unique=True)
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("Committee")
        verbose_name_plural = _("Committees")
        ordering = ["order", "name"]

    def __str__(self):
        return self.name
