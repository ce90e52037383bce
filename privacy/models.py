"""What the site records about its own handling of personal data: a person's request
for erasure, and each run of the retention rule."""

from django.db import models
from django.utils.translation import gettext_lazy as _

from programme.models import Meeting
from registration.models import Delegate


class ErasureRequest(models.Model):
    """A delegate asks, through their private link, to have their data erased; the ISU
    sees it in the admin and erases (privacy.services.delegate_erase)."""

    class Status(models.TextChoices):
        OPEN = "open", _("Waiting for the ISU")
        DONE = "done", _("Erased")

    delegate = models.ForeignKey(
        Delegate, on_delete=models.CASCADE, related_name="+", verbose_name=_("delegate")
    )
    status = models.CharField(
        _("status"), max_length=10, choices=Status.choices, default=Status.OPEN
    )
    requested_at = models.DateTimeField(_("asked at"))
    handled_at = models.DateTimeField(_("erased at"), null=True, blank=True)
    handled_by = models.ForeignKey(
        "auth.User",
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("erased by"),
    )

    class Meta:
        verbose_name = _("request for erasure")
        verbose_name_plural = _("requests for erasure")
        ordering = ["-requested_at"]
        permissions = [("erase_personal_data", _("Can erase a person's personal data"))]
        constraints = [
            models.UniqueConstraint(
                fields=["delegate"],
                condition=models.Q(status="open"),
                name="one_open_erasure_request_per_delegate",
            )
        ]

    def __str__(self):
        return str(self.delegate)


class RetentionRun(models.Model):
    """The retention rule applied to one meeting: when, and what it did (counts only)."""

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting")
    )
    ran_at = models.DateTimeField(_("ran at"))
    report = models.TextField(_("what was done"))

    class Meta:
        verbose_name = _("retention run")
        verbose_name_plural = _("retention runs")
        ordering = ["-ran_at"]

    def __str__(self):
        return f"{self.meeting} ({self.ran_at:%Y-%m-%d})"
