"""The room on the meeting's days: who has the floor now, the order the chair calls
the speakers in (the speakers' lists of floor, with the rights of reply and points
of order the chair inserts), what each console did and when, and the interpreters'
advance copies (their downloads and the reminders sent for them)."""

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.utils.translation import gettext_lazy as _

from floor.models import Statement
from programme.models import AgendaItem, Meeting
from registration.models import Delegate, Delegation, InterventionRequest


class Turn(models.Model):
    """One place in the order the chair calls speakers on an item: a request for the
    floor made in advance (floor's speakers' list), or a right of reply or a point of
    order the chair inserts. The room's order once the item is opened."""

    class Kind(models.TextChoices):
        SPEAKER = "speaker", _("Speaker")
        REPLY = "reply", _("Right of reply")
        POINT_OF_ORDER = "point_of_order", _("Point of order")

    class Status(models.TextChoices):
        WAITING = "waiting", _("Waiting")
        SPEAKING = "speaking", _("Has the floor")
        SPOKE = "spoke", _("Spoke")
        STRUCK = "struck", _("Struck from the list")

    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.CASCADE, related_name="+", verbose_name=_("agenda item")
    )
    request = models.ForeignKey(
        InterventionRequest,
        on_delete=models.CASCADE,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("request for the floor"),
    )
    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="+", verbose_name=_("delegation")
    )
    speaker = models.ForeignKey(
        Delegate,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("speaker"),
    )
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.SPEAKER)
    position = models.PositiveIntegerField(_("place"))
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.WAITING
    )
    started_at = models.DateTimeField(_("given the floor at"), null=True, blank=True)
    ended_at = models.DateTimeField(_("ended at"), null=True, blank=True)

    class Meta:
        verbose_name = _("turn to speak")
        verbose_name_plural = _("turns to speak")
        ordering = ["agenda_item", "position"]
        constraints = [
            models.UniqueConstraint(
                fields=["request"],
                condition=Q(request__isnull=False),
                name="one_turn_per_request_for_the_floor",
            ),
            # Checked at the commit: inserting a turn moves the ones after it down.
            models.UniqueConstraint(
                fields=["agenda_item", "position"],
                name="one_turn_per_place_on_an_item",
                deferrable=models.Deferrable.DEFERRED,
            ),
            models.UniqueConstraint(
                fields=["agenda_item"],
                condition=Q(status="speaking"),
                name="one_speaker_at_a_time_on_an_item",
            ),
        ]

    def __str__(self):
        return f"{self.agenda_item}: {self.position}. {self.delegation}"

    @property
    def is_waiting(self) -> bool:
        return self.status == self.Status.WAITING


class Room(models.Model):
    """What the room is doing now: the item under way and who has the floor. One row
    per meeting; every console action takes it FOR UPDATE and raises its version, so
    two consoles act one after the other and a console that acts on an old view of
    the list is refused."""

    meeting = models.OneToOneField(
        Meeting, on_delete=models.CASCADE, related_name="+", verbose_name=_("meeting")
    )
    agenda_item = models.ForeignKey(
        AgendaItem,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("item under way"),
    )
    turn = models.ForeignKey(
        Turn,
        on_delete=models.SET_NULL,
        null=True,
        blank=True,
        related_name="+",
        verbose_name=_("has the floor"),
    )
    version = models.PositiveIntegerField(_("version"), default=0)
    changed_at = models.DateTimeField(_("changed at"), null=True, blank=True)

    class Meta:
        verbose_name = _("room")
        verbose_name_plural = _("rooms")
        permissions = [
            ("use_console", _("Can run the chair's console")),
            ("view_advance_copies", _("Can read the interpreters' advance copies")),
        ]

    def __str__(self):
        return str(self.meeting)


class ConsoleAction(models.Model):
    """What a console did, by whom and when: the room's own minutes."""

    room = models.ForeignKey(Room, on_delete=models.CASCADE, related_name="actions")
    at = models.DateTimeField(_("at"))
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    action = models.CharField(_("action"), max_length=30)
    agenda_item = models.ForeignKey(
        AgendaItem, on_delete=models.SET_NULL, null=True, related_name="+"
    )
    turn = models.ForeignKey(Turn, on_delete=models.SET_NULL, null=True, related_name="+")
    version = models.PositiveIntegerField(_("version"))

    class Meta:
        verbose_name = _("console action")
        verbose_name_plural = _("console actions")
        ordering = ["-at", "-pk"]

    def __str__(self):
        return f"{self.at:%Y-%m-%d %H:%M:%S} {self.action}"


class AdvanceCopyDownload(models.Model):
    """An interpreter (or staff) downloaded an advance copy."""

    statement = models.ForeignKey(
        Statement, on_delete=models.CASCADE, related_name="+", verbose_name=_("statement")
    )
    by = models.ForeignKey(
        settings.AUTH_USER_MODEL,
        on_delete=models.SET_NULL,
        null=True,
        related_name="+",
        verbose_name=_("by"),
    )
    at = models.DateTimeField(_("at"))

    class Meta:
        verbose_name = _("advance copy download")
        verbose_name_plural = _("advance copy downloads")
        ordering = ["-at"]

    def __str__(self):
        return f"{self.statement} ({self.at:%Y-%m-%d %H:%M})"


class AdvanceCopyReminder(models.Model):
    """The one e-mail reminding a delegation on a speakers' list of the next day that
    the interpreters have no advance copy of its statement: one per delegation and
    day, which the database holds whatever two workers try."""

    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="+", verbose_name=_("delegation")
    )
    day = models.DateField(_("day of the sessions"))
    sent_at = models.DateTimeField(_("sent at"))

    class Meta:
        verbose_name = _("advance copy reminder")
        verbose_name_plural = _("advance copy reminders")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "day"], name="one_advance_copy_reminder_a_day"
            ),
        ]

    def __str__(self):
        return f"{self.delegation} ({self.day})"
