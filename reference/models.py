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
    """One of the 197 States, with its UN name of 2018."""

    un_name = models.CharField(_("UN name"), max_length=120, unique=True)
    alpha3 = models.CharField(_("ISO 3166 code"), max_length=3, unique=True)
    entry_into_force = models.DateField(
        _("Convention in force for it on"),
        null=True,
        blank=True,
        help_text=_("Empty for a State not party."),
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


def states_in_reader_order():
    """The States under their names in the active language, in that language's
    alphabetical order (its ICU collation on PostgreSQL), for the registration forms."""
    language = get_language() or settings.LANGUAGE_CODE
    column = "un_name_" + language.replace("-", "_")
    name = Coalesce(NullIf(F(column), Value("")), F("un_name_en"), output_field=models.CharField())
    return State.objects.order_by(collated(name, language), "pk")
