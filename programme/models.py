"""The meeting and its time. This app knows nothing about people."""

from datetime import date, datetime, time, timedelta

from django.contrib.postgres.constraints import ExclusionConstraint
from django.contrib.postgres.fields import DateTimeRangeField, RangeBoundary, RangeOperators
from django.core.exceptions import NON_FIELD_ERRORS, ValidationError
from django.db import DEFAULT_DB_ALIAS, connection, connections, models
from django.db.models import F, Func, Q, Value
from django.db.models.functions import Coalesce
from django.utils import timezone
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext

from intersessional import dates
from intersessional.clock import GENEVA
from reference.models import Obligation


class MeetingQuerySet(models.QuerySet):
    def current(self):
        """The meeting the public site is about: the one that starts last."""
        return self.order_by("-starts_on").first()


class Meeting(models.Model):
    """One intersessional meeting. The next year's meeting is a new row, not new code."""

    class PresidentGender(models.TextChoices):
        WOMAN = "woman", _("a woman (la Présidente, la Presidenta, الرئيسة)")
        MAN = "man", _("a man (le Président, el Presidente, الرئيس)")

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
    president_gender = models.CharField(
        _("the President is"),
        max_length=5,
        choices=PresidentGender.choices,
        default=PresidentGender.WOMAN,
        help_text=_(
            "The title and the grammar of every sentence that names the President follow "
            "the office-holder in the languages that mark it."
        ),
    )
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
    # Read by accreditation (the private link's identity page, the security list): a
    # field of the meeting, so that the private-link pages need no query to know.
    asks_identity_details = models.BooleanField(
        _("ask for identity details"),
        default=False,
        help_text=_(
            "The venue's security asks for a list with each participant's nationality, "
            "date of birth and passport or identity card."
        ),
    )

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

    @property
    def president_is_woman(self) -> bool:
        return self.president_gender == self.PresidentGender.WOMAN

    def for_president(self, *, woman: str, man: str) -> str:
        """The one of two forms of a sentence that fits the office-holder. A sentence
        that names the President is translated twice, under the contexts (msgctxt)
        "the President is a woman" and "the President is a man": in French, Spanish,
        Arabic (and Russian verbs) the title and the grammar follow the office-holder.
        Templates do the same with {% if meeting.president_is_woman %}."""
        return woman if self.president_is_woman else man

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


class PostgresExclusionConstraint(ExclusionConstraint):
    """An ExclusionConstraint that PostgreSQL enforces and other databases skip.

    Production and the tests run on PostgreSQL, where the constraint holds even
    against two requests at the same moment. The SQLite demo gets no SQL for it
    (SQLite has no EXCLUDE) and the model's clean() runs the same test as a query.
    """

    def constraint_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().constraint_sql(model, schema_editor)

    def create_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().create_sql(model, schema_editor)

    def remove_sql(self, model, schema_editor):
        if schema_editor.connection.vendor != "postgresql":
            return None
        return super().remove_sql(model, schema_editor)

    def validate(self, model, instance, exclude=None, using=DEFAULT_DB_ALIAS):
        if connections[using].vendor != "postgresql":
            return
        super().validate(model, instance, exclude=exclude, using=using)


class TsTzRange(Func):
    """PostgreSQL's half-open time range: a slot ending at 10:30 and one starting
    at 10:30 do not overlap."""

    function = "TSTZRANGE"
    output_field = DateTimeRangeField()

    def __init__(self, start, end, **extra):
        super().__init__(start, end, RangeBoundary(), **extra)


def geneva_datetime(day: date, at: time) -> datetime:
    return datetime.combine(day, at, tzinfo=GENEVA)


class Session(models.Model):
    """A morning or afternoon of the meeting, or a block of bilateral meetings.

    Times are the Geneva wall clock, as the programme prints them; starts_at and
    ends_at give the aware moments."""

    class Kind(models.TextChoices):
        PLENARY = "plenary", _("Plenary")
        COMMITTEE = "committee", _("Committee")
        THEMATIC = "thematic", _("Thematic discussion")
        BILATERAL = "bilateral", _("Bilateral meetings")

    meeting = models.ForeignKey(
        Meeting, on_delete=models.CASCADE, related_name="sessions", verbose_name=_("meeting")
    )
    date = models.DateField(_("date"))
    start_time = models.TimeField(_("starts at"), help_text=_("Geneva time."))
    end_time = models.TimeField(_("ends at"), help_text=_("Geneva time."))
    room = models.CharField(_("room"), max_length=200)
    title = models.CharField(_("title"), max_length=300)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices, default=Kind.PLENARY)
    order = models.PositiveSmallIntegerField(
        _("order"),
        default=0,
        help_text=_("Orders sessions that start at the same time."),
    )

    class Meta:
        verbose_name = _("session")
        verbose_name_plural = _("sessions")
        ordering = ["date", "start_time", "order", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(end_time__gt=F("start_time")),
                name="session_ends_after_it_starts",
                violation_error_message=_("A session must end after it starts."),
            ),
        ]

    def __str__(self):
        start, end = dates.clock_time(self.start_time), dates.clock_time(self.end_time)
        return f"{dates.short_date(self.date)} {start}–{end} {self.title}"

    @property
    def starts_at(self) -> datetime:
        return geneva_datetime(self.date, self.start_time)

    @property
    def ends_at(self) -> datetime:
        return geneva_datetime(self.date, self.end_time)

    @property
    def is_bilateral(self) -> bool:
        return self.kind == self.Kind.BILATERAL


class AgendaItem(models.Model):
    """An item of the programme, taken in a session, perhaps led by a Committee."""

    session = models.ForeignKey(
        Session, on_delete=models.CASCADE, related_name="items", verbose_name=_("session")
    )
    number = models.PositiveSmallIntegerField(_("number"))
    title = models.CharField(_("title"), max_length=300)
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="agenda_items",
        verbose_name=_("leading Committee"),
    )
    allows_floor_requests = models.BooleanField(
        _("delegations may ask for the floor"),
        default=True,
        help_text=_("Whether delegations may ask in advance to take the floor on this item."),
    )
    obligation_kind = models.CharField(
        _("calls updates on"),
        max_length=20,
        choices=Obligation.Kind.choices,
        blank=True,
        help_text=_(
            "The States Parties with this obligation (once confirmed by the ISU) are "
            "listed under the item as invited to present updates."
        ),
    )
    order = models.PositiveSmallIntegerField(_("order"), default=0)

    class Meta:
        verbose_name = _("agenda item")
        verbose_name_plural = _("agenda items")
        ordering = ["session", "order", "number"]
        constraints = [
            models.UniqueConstraint(
                fields=["session", "number"],
                name="agenda_item_number_unique_in_session",
                violation_error_message=_("This session already has an item with this number."),
            ),
        ]

    def __str__(self):
        return f"{self.number}. {self.title}"


class BilateralSlotQuerySet(models.QuerySet):
    def overlapping(self, slot: "BilateralSlot"):
        """Other slots of the same host that share a moment with this one (the
        database's own test on PostgreSQL; this query stands in for it elsewhere)."""
        return self.filter(
            committee_id=slot.committee_id,
            starts_at__lt=slot.ends_at,
            ends_at__gt=slot.starts_at,
        ).exclude(pk=slot.pk)


class BilateralSlot(models.Model):
    """A time in which the President or one Committee meets one delegation.

    No committee means the President hosts it. A host is never in two
    overlapping slots: PostgreSQL refuses it (an exclusion constraint on the host
    and the half-open time range), so two staff saving at once cannot both win."""

    meeting = models.ForeignKey(
        Meeting,
        on_delete=models.CASCADE,
        related_name="bilateral_slots",
        verbose_name=_("meeting"),
    )
    committee = models.ForeignKey(
        Committee,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        related_name="bilateral_slots",
        verbose_name=_("host"),
        help_text=_("The President, or the Committee that holds the meeting."),
    )
    starts_at = models.DateTimeField(_("starts at"))
    ends_at = models.DateTimeField(_("ends at"))
    room = models.CharField(_("room"), max_length=200)

    objects = BilateralSlotQuerySet.as_manager()

    class Meta:
        verbose_name = _("bilateral meeting slot")
        verbose_name_plural = _("bilateral meeting slots")
        ordering = ["starts_at", "pk"]
        constraints = [
            models.CheckConstraint(
                condition=Q(ends_at__gt=F("starts_at")),
                name="bilateral_slot_ends_after_it_starts",
                violation_error_message=_("A slot must end after it starts."),
            ),
            PostgresExclusionConstraint(
                name="bilateral_slot_host_never_double_booked",
                expressions=[
                    # The President has no Committee: 0 stands for the President.
                    (Coalesce("committee", Value(0)), RangeOperators.EQUAL),
                    (TsTzRange("starts_at", "ends_at"), RangeOperators.OVERLAPS),
                ],
                violation_error_message=_("This host already has a slot at that time."),
            ),
        ]

    def __str__(self):
        day = dates.short_date(self.starts_at)
        start, end = dates.clock_time(self.starts_at), dates.clock_time(self.ends_at)
        return f"{self.host_name}, {day} {start}–{end}"

    @property
    def host_name(self) -> str:
        if self.committee_id:
            return self.committee.name
        return self.meeting.for_president(
            woman=pgettext("the President is a woman", "The President"),
            man=pgettext("the President is a man", "The President"),
        )

    def clean(self):
        errors = {}
        day = self.meeting.bilateral_day if self.meeting_id else None
        if self.starts_at and day and timezone.localtime(self.starts_at, GENEVA).date() != day:
            errors["starts_at"] = _("Bilateral meetings take place on %(day)s.") % {
                "day": dates.weekday_date(day)
            }
        if self.starts_at and self.ends_at and self.ends_at <= self.starts_at:
            # Keyed on the field, so that the database's tests, which cannot make a
            # range that ends before it starts, are not run.
            errors["ends_at"] = _("A slot must end after it starts.")
        elif (
            connection.vendor != "postgresql"
            and self.starts_at
            and self.ends_at
            and BilateralSlot.objects.overlapping(self).exists()
        ):
            errors[NON_FIELD_ERRORS] = _("This host already has a slot at that time.")
        if errors:
            raise ValidationError(errors)
