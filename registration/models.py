"""People behind the deadline: delegations, their delegates and the agenda items they
will take the floor on."""

import hashlib
import secrets

from django.conf import settings
from django.db import models
from django.db.models import Q
from django.db.models.functions import Lower
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

from programme.models import Meeting
from reference.models import Organisation, State


class Category(models.TextChoices):
    """The order of the List of Participants; also the badge colour."""

    STATE_PARTY = "state_party", _("State Party")
    STATE_NOT_PARTY = "state_not_party", _("State not party")
    INTERNATIONAL = "international", _("International organisation")
    NON_GOVERNMENTAL = "ngo", _("Non-governmental organisation")


STATE_CATEGORIES = [Category.STATE_PARTY, Category.STATE_NOT_PARTY]


def language_field(verbose_name):
    """A person's language, one of the six: every e-mail to them is written in it."""
    return models.CharField(
        verbose_name,
        max_length=8,
        choices=settings.LANGUAGES,
        default=settings.LANGUAGE_CODE,
        help_text=_("The language of the e-mails sent to this person."),
    )


def new_access_token() -> str:
    return secrets.token_urlsafe(32)


def hash_token(token: str) -> str:
    # Only the hash is stored: a copy of the database opens no private link.
    return hashlib.sha256(token.encode()).hexdigest()


class Delegation(models.Model):
    """One State or organisation at one meeting."""

    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    category = models.CharField(_("category"), max_length=20, choices=Category.choices)
    state = models.ForeignKey(
        State, on_delete=models.PROTECT, null=True, blank=True, verbose_name=_("State")
    )
    organisation = models.ForeignKey(
        Organisation,
        on_delete=models.PROTECT,
        null=True,
        blank=True,
        verbose_name=_("organisation"),
    )
    focal_point_name = models.CharField(_("focal point"), max_length=200, blank=True)
    focal_point_email = models.EmailField(_("focal point's e-mail"), blank=True)
    focal_point_language = language_field(_("focal point's language"))
    access_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    created_at = models.DateTimeField(_("registered at"))
    # Raised by every write (services.py, the admin): a form sent with an older number
    # was filled in before someone else's change, and is refused rather than saved over it.
    version = models.PositiveIntegerField(default=1)

    class Meta:
        verbose_name = _("delegation")
        verbose_name_plural = _("delegations")
        # Every visit through a private link finds its row by the hash.
        indexes = [models.Index(fields=["access_token_hash"], name="delegation_link_hash")]
        constraints = [
            models.UniqueConstraint(
                fields=["meeting", "state"],
                condition=Q(state__isnull=False),
                name="one_delegation_per_state_per_meeting",
            ),
            models.UniqueConstraint(
                fields=["meeting", "organisation"],
                condition=Q(organisation__isnull=False),
                name="one_delegation_per_organisation_per_meeting",
            ),
            # A State's delegation names a State and no organisation, and the reverse.
            models.CheckConstraint(
                condition=(
                    Q(category__in=STATE_CATEGORIES, state__isnull=False, organisation__isnull=True)
                    | (
                        Q(organisation__isnull=False, state__isnull=True)
                        & ~Q(category__in=STATE_CATEGORIES)
                    )
                ),
                name="delegation_names_a_state_or_an_organisation",
            ),
        ]

    def __str__(self):
        return self.name

    @property
    def name(self) -> str:
        if self.state_id:
            return self.state.un_name
        return self.organisation.name if self.organisation_id else ""


class DelegateQuerySet(models.QuerySet):
    def active(self):
        return self.exclude(status__in=[Delegate.Status.WITHDRAWN, Delegate.Status.DECLINED])


class Delegate(models.Model):
    class Role(models.TextChoices):
        HEAD = "head", _("Head of delegation")
        ALTERNATE = "alternate", _("Alternate")
        DELEGATE = "delegate", _("Delegate")
        ADVISER = "adviser", _("Adviser")

    class Gender(models.TextChoices):
        WOMAN = "woman", _("Woman")
        MAN = "man", _("Man")
        OTHER = "other", _("In another way")
        UNDISCLOSED = "undisclosed", _("Prefer not to say")

    class AgeBand(models.TextChoices):
        UNDER_25 = "under_25", _("Under 25")
        FROM_25 = "25_34", _("25 to 34")
        FROM_35 = "35_44", _("35 to 44")
        FROM_45 = "45_54", _("45 to 54")
        FROM_55 = "55_64", _("55 to 64")
        FROM_65 = "65_plus", _("65 or over")
        UNDISCLOSED = "undisclosed", _("Prefer not to say")

    class Status(models.TextChoices):
        REGISTERED = "registered", _("Registered")
        CONFIRMED = "confirmed", _("Confirmed")
        WITHDRAWN = "withdrawn", _("Withdrawn")
        DECLINED = "declined", _("Declined")

    # Denormalised from the delegation so that the database can hold "one
    # registration per e-mail per meeting" as a plain unique index.
    meeting = models.ForeignKey(Meeting, on_delete=models.PROTECT, related_name="+")
    delegation = models.ForeignKey(
        Delegation, on_delete=models.CASCADE, related_name="delegates", verbose_name=_("delegation")
    )
    title = models.CharField(
        pgettext_lazy("a person's", "title"),
        max_length=40,
        blank=True,
        help_text=_("For example H.E., Mr, Ms, Dr."),
    )
    given_name = models.CharField(_("given name"), max_length=100)
    family_name = models.CharField(_("family name"), max_length=100)
    badge_name = models.CharField(
        _("name on the badge"),
        max_length=100,
        help_text=_("As it should be printed, in any script. Leave empty to use your names."),
        blank=True,
    )
    function = models.CharField(
        _("function"),
        max_length=200,
        blank=True,
        help_text=_("For example Ambassador, Counsellor."),
    )
    role = models.CharField(
        _("role in the delegation"), max_length=20, choices=Role.choices, default=Role.DELEGATE
    )
    email = models.EmailField(_("e-mail"), max_length=254)
    language = language_field(_("language"))
    gender = models.CharField(
        _("gender"),
        max_length=20,
        choices=Gender.choices,
        help_text=_("Used only for the anonymous gender figures."),
    )
    age_band = models.CharField(
        _("age group"),
        max_length=20,
        choices=AgeBand.choices,
        help_text=_("Used only for the anonymous age figures."),
    )
    public_list_consent = models.BooleanField(
        _("appear in the public list of participants"), default=False
    )
    status = models.CharField(
        _("status"), max_length=20, choices=Status.choices, default=Status.REGISTERED
    )
    registered_late = models.BooleanField(
        _("late registration"), default=False, help_text=_("Added by staff after the deadline.")
    )
    access_token_hash = models.CharField(max_length=64, blank=True, editable=False)
    # Part of the badge's signed QR code: reprinting a badge raises it, so the door
    # refuses the old badge (checkin/codes.py).
    badge_version = models.PositiveIntegerField(_("badge version"), default=1, editable=False)
    created_at = models.DateTimeField(_("registered at"))
    updated_at = models.DateTimeField(_("last changed at"))
    # See Delegation.version: no lost update between staff, a focal point and the delegate.
    version = models.PositiveIntegerField(default=1)

    objects = DelegateQuerySet.as_manager()

    class Meta:
        verbose_name = _("delegate")
        verbose_name_plural = _("delegates")
        ordering = ["family_name", "given_name"]
        indexes = [models.Index(fields=["access_token_hash"], name="delegate_link_hash")]
        permissions = [
            ("export_participants", _("Can export the List of Participants")),
            ("view_figures", _("Can see the gender and diversity figures")),
        ]
        constraints = [
            models.UniqueConstraint(
                Lower("email"),
                "meeting",
                condition=~Q(status="withdrawn"),
                name="one_registration_per_email_per_meeting",
                violation_error_message=_("This e-mail address is already registered."),
            ),
            models.UniqueConstraint(
                fields=["delegation"],
                condition=Q(role="head") & Q(status__in=["registered", "confirmed"]),
                name="one_head_per_delegation",
                violation_error_message=_("The delegation already has a head."),
            ),
        ]

    def __str__(self):
        return self.full_name

    @property
    def full_name(self) -> str:
        return f"{self.given_name} {self.family_name}".strip()

    @property
    def name_on_badge(self) -> str:
        return self.badge_name or self.full_name


class DeclineReason(models.TextChoices):
    """Why the ISU declines a registration: the e-mail gives the reason in the person's
    language (a note the officer adds is sent as written)."""

    NOT_NOMINATED = "not_nominated", _("Your delegation's nomination does not name you.")
    NOT_ELIGIBLE = (
        "not_eligible",
        _("The meeting is open to delegations of States and of invited organisations only."),
    )
    DUPLICATE = "duplicate", _("You are already registered for this meeting.")
    OTHER = "other", _("Another reason, explained in the note below.")


CATEGORY_RANK = {
    Category.STATE_PARTY: 0,
    Category.STATE_NOT_PARTY: 1,
    Category.INTERNATIONAL: 2,
    Category.NON_GOVERNMENTAL: 2,
}


class InterventionRequestQuerySet(models.QuerySet):
    def speakers_list(self):
        """The order of a speakers' list: where staff placed a request first; otherwise
        States Parties, then States not party, then organisations, each in the order
        the requests came in."""
        rank = models.Case(
            *[models.When(delegation__category=c, then=r) for c, r in CATEGORY_RANK.items()],
            output_field=models.IntegerField(),
        )
        return (
            self.select_related(
                "delegation__state", "delegation__organisation", "speaker", "agenda_item"
            )
            .annotate(category_rank=rank)
            .order_by(models.F("position").asc(nulls_last=True), "category_rank", "requested_at")
        )


class InterventionRequest(models.Model):
    """A delegation asks to take the floor on an agenda item, naming its speaker."""

    delegation = models.ForeignKey(
        Delegation,
        on_delete=models.CASCADE,
        related_name="intervention_requests",
        verbose_name=_("delegation"),
    )
    agenda_item = models.ForeignKey(
        "programme.AgendaItem",
        on_delete=models.CASCADE,
        related_name="+",
        verbose_name=_("agenda item"),
    )
    speaker = models.ForeignKey(
        Delegate, on_delete=models.CASCADE, related_name="+", verbose_name=_("speaker")
    )
    requested_at = models.DateTimeField(_("asked at"))
    position = models.PositiveSmallIntegerField(
        _("place on the list"),
        null=True,
        blank=True,
        help_text=_("Set by staff to change the order; empty follows the usual order."),
    )
    spoke = models.BooleanField(_("spoke"), default=False)

    objects = InterventionRequestQuerySet.as_manager()

    class Meta:
        verbose_name = _("request for the floor")
        verbose_name_plural = _("speakers' lists")
        constraints = [
            models.UniqueConstraint(
                fields=["delegation", "agenda_item"],
                name="one_request_per_delegation_per_item",
                violation_error_message=_("The delegation already asked for the floor here."),
            ),
        ]

    def __str__(self):
        return f"{self.agenda_item}: {self.delegation}"
