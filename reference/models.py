"""Reference data that several apps need: the States and the observer organisations.

Below the programme and registration, so that both (and the apps above them) can
name a State without knowing about each other. Knows nothing of meetings or people.
"""

from django.conf import settings
from django.db import models
from django.db.models import F, Value
from django.db.models.functions import Coalesce, NullIf
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from intersessional.languages import collated
from intersessional.memo import per_process_minute


class State(models.Model):
    """One of the 197 States, with its UN name of 2018, its UN regional group and
    whether it was a least developed country in June 2018 (the Sponsorship Programme
    weighs both)."""

    class RegionalGroup(models.TextChoices):
        AFRICA = "african", _("African States")
        ASIA_PACIFIC = "asia_pacific", _("Asia-Pacific States")
        EASTERN_EUROPE = "eastern_european", _("Eastern European States")
        LATIN_AMERICA = "latin_american_caribbean", _("Latin American and Caribbean States")
        WESTERN_EUROPE = "western_european_other", _("Western European and other States")

    un_name = models.CharField(_("UN name"), max_length=120, unique=True)
    alpha3 = models.CharField(_("ISO 3166 code"), max_length=3, unique=True)
    entry_into_force = models.DateField(
        _("Convention in force for it on"),
        null=True,
        blank=True,
        help_text=_("Empty for a State not party."),
    )
    regional_group = models.CharField(
        _("UN regional group"),
        max_length=30,
        choices=RegionalGroup.choices,
        blank=True,
        help_text=_("Empty for a State in no group (the Holy See, the State of Palestine...)."),
    )
    least_developed = models.BooleanField(
        _("least developed country (2018)"),
        default=False,
        help_text=_("On the UN list of least developed countries in June 2018."),
    )

    class Meta:
        verbose_name = _("State")
        verbose_name_plural = _("States")
        ordering = ["un_name"]

    def __str__(self):
        return self.un_name

    def is_party_on(self, day) -> bool:
        return self.entry_into_force is not None and self.entry_into_force <= day


class Organisation(models.Model):
    """An international or non-governmental organisation; staff may add more."""

    class Kind(models.TextChoices):
        INTERNATIONAL = "international", _("International organisation")
        NON_GOVERNMENTAL = "ngo", _("Non-governmental organisation")

    name = models.CharField(_("name"), max_length=200, unique=True)
    acronym = models.CharField(_("acronym"), max_length=20, blank=True)
    kind = models.CharField(_("kind"), max_length=20, choices=Kind.choices)

    class Meta:
        verbose_name = _("organisation")
        verbose_name_plural = _("organisations")
        ordering = ["name"]

    def __str__(self):
        return f"{self.name} ({self.acronym})" if self.acronym else self.name


class ObligationQuerySet(models.QuerySet):
    def confirmed(self):
        """What the public (and the delegations) are told: only rows the ISU confirmed."""
        return self.filter(confirmed=True)


class Obligation(models.Model):
    """A State Party's obligation that the intersessional meetings call updates on.

    Loaded from reference/data/apmbc_obligations_2018.csv, where some rows are
    `conflicting` or `uncertain`: every loaded row waits for the ISU to check and
    confirm it in the admin, and an unconfirmed row is never shown as fact."""

    class Kind(models.TextChoices):
        ARTICLE_5 = "article_5", _("Article 5: mine clearance")
        ARTICLE_4 = "article_4", _("Article 4: stockpile destruction")
        VICTIM_ASSISTANCE = "victim_assistance", _("Victim assistance")

    class Confidence(models.TextChoices):
        SOURCED = "sourced", _("Sourced")
        CONFLICTING = "conflicting", _("Sources differ")
        UNCERTAIN = "uncertain", _("Not confirmed by a source")

    state = models.ForeignKey(
        State, on_delete=models.PROTECT, related_name="obligations", verbose_name=_("State")
    )
    kind = models.CharField(_("obligation"), max_length=20, choices=Kind.choices)
    deadline = models.DateField(
        _("deadline in force"),
        null=True,
        blank=True,
        help_text=_("The Article 5 or Article 4 deadline in force; empty for victim assistance."),
    )
    note = models.CharField(_("note"), max_length=300, blank=True)
    source = models.URLField(_("source"), max_length=500, blank=True)
    confidence = models.CharField(
        _("confidence"), max_length=20, choices=Confidence.choices, default=Confidence.SOURCED
    )
    confirmed = models.BooleanField(
        _("confirmed by the ISU"),
        default=False,
        help_text=_("Only confirmed obligations are shown on the programme and to delegations."),
    )
    confirmed_at = models.DateTimeField(_("confirmed at"), null=True, blank=True, editable=False)

    objects = ObligationQuerySet.as_manager()

    class Meta:
        verbose_name = _("obligation")
        verbose_name_plural = _("obligations")
        ordering = ["kind", "state__un_name"]
        constraints = [
            models.UniqueConstraint(
                fields=["state", "kind"],
                name="one_obligation_of_a_kind_per_state",
                violation_error_message=_("This State already has this obligation."),
            ),
        ]

    def __str__(self):
        return f"{self.state}: {self.get_kind_display()}"


@per_process_minute
def states_by_pk() -> dict[int, "State"] | None:
    """Every State by primary key, read once a minute per process
    (intersessional/memo.py): what a registration form's choice is checked against."""
    return {state.pk: state for state in State.objects.all()} or None


@per_process_minute
def organisations_by_pk() -> dict[int, "Organisation"] | None:
    """Every organisation by primary key, read once a minute per process
    (intersessional/memo.py): the worker names an organisation's delegation in the
    e-mails it writes."""
    return {organisation.pk: organisation for organisation in Organisation.objects.all()} or None


@per_process_minute
def confirmed_obligations_by_state() -> dict[int, tuple["Obligation", ...]]:
    """Every State's confirmed obligations, read once a minute per process
    (intersessional/memo.py): a State's private-link page asks which updates the
    programme invites from it. An empty dict is kept too: no confirmed row, no query."""
    by_state: dict[int, list[Obligation]] = {}
    for obligation in Obligation.objects.confirmed().order_by("pk"):
        by_state.setdefault(obligation.state_id, []).append(obligation)
    return {state_id: tuple(rows) for state_id, rows in by_state.items()}


def states_in_reader_order():
    """The States under their names in the active language, in that language's
    alphabetical order (its ICU collation on PostgreSQL), for the registration forms."""
    language = get_language() or settings.LANGUAGE_CODE
    column = "un_name_" + language.replace("-", "_")
    name = Coalesce(NullIf(F(column), Value("")), F("un_name_en"), output_field=models.CharField())
    return State.objects.order_by(collated(name, language), "pk")
