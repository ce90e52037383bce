"""The door: check-in lists (one per day and place), each entry, and the scans that
were refused."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from programme.models import Meeting
from registration.models import Delegate


class CheckinList(models.Model):
    """A day and a place where people are let in: 6 June's bilateral meetings, then the
    meeting's two days. Created by `load_checkin_lists`, edited in the admin."""

    class Kind(models.TextChoices):
        MEETING = "meeting", _("Every active delegate")
        BILATERAL = "bilateral", _("Only delegations invited to a bilateral meeting that day")

    meeting = models.ForeignKey(Meeting, on_delete=models.CASCADE, related_name="+")
    name = models.CharField(_("name"), max_length=100)
    day = models.DateField(_("day"))
    place = models.CharField(_("place"), max_length=200, blank=True)
    kind = models.CharField(_("who is admitted"), max_length=20, choices=Kind.choices)
    allow_repeat = models.BooleanField(
        _("repeated entry allowed"),
        default=False,
        help_text=_(
            "Count each entry (people going out and in again). Otherwise a second scan "
            "says when the person was first checked in and records nothing."
        ),
    )

    class Meta:
        verbose_name = _("check-in list")
        verbose_name_plural = _("check-in lists")
        ordering = ["day", "name"]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "name"], name="checkin_list_name_unique_per_meeting"
            )
        ]

    def __str__(self):
        return self.name


class Method(models.TextChoices):
    CAMERA = "camera", _("Camera")
    SCANNER = "scanner", _("Handheld scanner")
    SEARCH = "search", _("Name search")


class Checkin(models.Model):
    """One entry of a delegate through a list's door, and who let them in."""

    checkin_list = models.ForeignKey(
        CheckinList, on_delete=models.CASCADE, related_name="checkins", verbose_name=_("list")
    )
    delegate = models.ForeignKey(
        Delegate, on_delete=models.CASCADE, related_name="+", verbose_name=_("delegate")
    )
    at = models.DateTimeField(_("checked in at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("checked in by"),
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    # Made by the browser for each scan: a scan sent again (a retry, the offline queue)
    # carries the same nonce and is applied once.
    nonce = models.CharField(_("client nonce"), max_length=64, unique=True)
    # The delegate's first entry on the list; the database holds one per list.
    first = models.BooleanField(default=True, editable=False)

    class Meta:
        verbose_name = _("check-in")
        verbose_name_plural = _("check-ins")
        ordering = ["-at", "-pk"]
        constraints = [
            models.UniqueConstraint(
                fields=["checkin_list", "delegate"],
                condition=Q(first=True),
                name="one_first_checkin_per_delegate_per_list",
            )
        ]
        indexes = [models.Index(fields=["checkin_list", "delegate"])]

    def __str__(self):
        return f"{self.delegate} ({self.checkin_list})"


class FailedScan(models.Model):
    """A scan the door refused, for the figures and the audit. The scanned text is not
    kept: it may be anything a person held up."""

    class Reason(models.TextChoices):
        INVALID = "invalid", _("Not a badge of this meeting (invalid or forged)")
        SUPERSEDED = "superseded", _("Superseded badge (reprinted since)")
        WITHDRAWN = "withdrawn", _("Registration withdrawn")
        DECLINED = "declined", _("Registration declined")
        WRONG_DAY = "wrong_day", _("Not invited that day")

    checkin_list = models.ForeignKey(
        CheckinList, on_delete=models.CASCADE, related_name="failed_scans", verbose_name=_("list")
    )
    delegate = models.ForeignKey(
        Delegate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("delegate"),
    )
    reason = models.CharField(_("reason"), max_length=20, choices=Reason.choices)
    at = models.DateTimeField(_("scanned at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("scanned by"),
    )
    method = models.CharField(_("method"), max_length=20, choices=Method.choices)
    nonce = models.CharField(_("client nonce"), max_length=64, unique=True)

    class Meta:
        verbose_name = _("refused scan")
        verbose_name_plural = _("refused scans")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.get_reason_display()} ({self.checkin_list})"
