"""The outbox: every e-mail the site sends, as a row written in the transaction of
the change that causes it. Knows nothing of delegates: a caller gives an address,
a kind, the rendered message and, if it wants, an opaque `reference` to find it by."""

from django.conf import settings
from django.db import models
from django.utils.translation import gettext_lazy as _


class Notification(models.Model):
    """One e-mail, written in the transaction of the change that causes it."""

    class Status(models.TextChoices):
        PENDING = "pending", _("Waiting to be sent")
        SENDING = "sending", _("Being sent")
        SENT = "sent", _("Sent")
        FAILED = "failed", _("Failed")

    kind = models.CharField(_("kind"), max_length=40)
    to_email = models.EmailField(_("to"))
    # The language the e-mail was written in (the recipient's, when it was queued).
    language = models.CharField(
        _("language"), max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE
    )
    subject = models.CharField(_("subject"), max_length=300)
    body_text = models.TextField(_("text"))
    body_html = models.TextField(_("HTML"), blank=True)
    # What the worker writes the e-mail from, when it was queued unwritten (writing.py):
    # references and a private link, emptied once the subject and bodies are written.
    values = models.JSONField(_("written from"), default=dict, blank=True)
    # An iCalendar attachment, kept in the row so that a retry sends the same e-mail.
    ics = models.TextField(_("calendar attachment"), blank=True)
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.PENDING
    )
    attempts = models.PositiveSmallIntegerField(_("attempts"), default=0)
    last_error = models.TextField(_("last error"), blank=True)
    # When a worker claimed it: a claim older than the lease means the worker died.
    claimed_at = models.DateTimeField(_("claimed at"), null=True, blank=True)
    # Not before: set after a temporary failure, for the backoff.
    next_attempt_at = models.DateTimeField(_("next attempt at"), null=True, blank=True)
    # Whatever the caller wants to find the e-mail by later, e.g. "delegate:42". The
    # outbox never reads it: it is what lets it know nothing of the callers' models.
    reference = models.CharField(_("about"), max_length=100, blank=True, db_index=True)
    created_at = models.DateTimeField(_("queued at"))
    sent_at = models.DateTimeField(_("sent at"), null=True, blank=True)

    class Meta:
        verbose_name = _("e-mail")
        verbose_name_plural = _("e-mails")
        ordering = ["-created_at"]
        indexes = [models.Index(fields=["status", "created_at"], name="notification_due_idx")]

    def __str__(self):
        return f"{self.subject} → {self.to_email}"
