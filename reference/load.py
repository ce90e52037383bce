"""Load the States, organisations and obligations from the CSV files in reference/data/
(see SOURCES.md there). Each load only adds the rows that are missing: a row already
there is left as the ISU corrected it, except that a translation whose column is
still empty is filled in."""

import csv
from datetime import datetime
from pathlib import Path

from django.db import transaction

from .models import Obligation, Organisation, State

DATA_DIR = Path(__file__).resolve().parent / "data"

# The CSV's "kind" column, in the List of Participants' two organisation categories.
NGO_KINDS = {"NGO", "NGO/foundation", "special partner / NGO"}


def _day(value: str):
    return datetime.strptime(value, "%d/%m/%Y").date() if value else None


# The UN short names in the six languages, by ISO alpha-3 (SOURCES.md): the columns of
# apmbc_states_2018_six_languages.csv for each modeltranslation column of State.un_name.
NAME_COLUMNS = {
    "un_name_en": "name_en",
    "un_name_fr": "name_fr",
    "un_name_es": "name_es",
    "un_name_ru": "name_ru",
    "un_name_zh_hans": "name_zh",
    "un_name_ar": "name_ar",
}


def _rows(filename: str) -> list[dict]:
    with open(DATA_DIR / filename, newline="", encoding="utf-8") as f:
        return list(csv.DictReader(f))


# The headings of the UN's page "Regional groups of Member States" (un_regional_groups.csv).
REGIONAL_GROUPS = {
    "African States": "african",
    "Asia-Pacific States": "asia_pacific",
    "Eastern European States": "eastern_european",
    "Latin American and Caribbean States": "latin_american_caribbean",
    "Western European and other States": "western_european_other",
}


def state_groups() -> dict[str, tuple[str, bool]]:
    """{alpha3: (regional group, least developed in 2018)} from un_regional_groups.csv
    and un_ldc_2018.csv (SOURCES.md). A State in no group has ""."""
    ldc = {row["alpha3"] for row in _rows("un_ldc_2018.csv") if row["ldc_in_2018"] == "yes"}
    return {
        row["alpha3"]: (REGIONAL_GROUPS.get(row["regional_group"], ""), row["alpha3"] in ldc)
        for row in _rows("un_regional_groups.csv")
    }


def fill_state_groups(state_model) -> int:
    """Give every State whose regional group is still empty its group and LDC status
    from the CSV files; a group the ISU set is kept. Used by load_states and by the
    migration that added the columns (0004), with that migration's model."""
    filled = 0
    for alpha3, (group, least_developed) in state_groups().items():
        filled += state_model.objects.filter(alpha3=alpha3, regional_group="").update(
            regional_group=group, least_developed=least_developed
        )
    return filled


@transaction.atomic
def load_states() -> int:
    """Add the States that are missing, with their names in the six languages. A State
    already there keeps the names the ISU corrected; only its empty ones are filled."""
    names = {row["alpha3"]: row for row in _rows("apmbc_states_2018_six_languages.csv")}
    rows = _rows("apmbc_states_2018.csv")
    for row in rows:
        six = names[row["alpha3"]]
        translations = {
            column: six[source] for column, source in NAME_COLUMNS.items() if column != "un_name_en"
        }
        state, created = State.objects.get_or_create(
            alpha3=row["alpha3"],
            defaults={
                "un_name_en": row["un_name_2018"],
                **translations,
                "entry_into_force": _day(row["entry_into_force"]),
            },
        )
        if created:
            continue
        # Keyed by the code, not the English: still right after the ISU corrected it.
        empty = [
            column for column, text in translations.items() if text and not getattr(state, column)
        ]
        for column in empty:
            setattr(state, column, translations[column])
        if empty:
            state.save(update_fields=empty)
    fill_state_groups(State)
    return len(rows)


@transaction.atomic
def load_organisations() -> int:
    french = {row["name"]: row["name_fr"] for row in _rows("apmbc_observer_organisations_fr.csv")}
    rows = _rows("apmbc_observer_organisations.csv")
    for row in rows:
        kind = (
            Organisation.Kind.NON_GOVERNMENTAL
            if row["kind"] in NGO_KINDS
            else Organisation.Kind.INTERNATIONAL
        )
        # Staff may have corrected a name: match on the name as loaded, keep their kind.
        organisation, _created = Organisation.objects.get_or_create(
            name_en=row["name"], defaults={"acronym": row["acronym"], "kind": kind}
        )
        # The French name too (the List of Participants' second language), unless staff
        # wrote one.
        if not organisation.name_fr and french.get(row["name"]):
            organisation.name_fr = french[row["name"]]
            organisation.save(update_fields=["name_fr"])
    return len(rows)


@transaction.atomic
def load_obligations() -> int:
    """Add the obligations that are not there yet, each unconfirmed: some rows are
    `conflicting` or `uncertain`, and the ISU checks every one before it is shown. A
    row already loaded is left as the ISU corrected or confirmed it."""
    with open(DATA_DIR / "apmbc_obligations_2018.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    states = dict(State.objects.values_list("alpha3", "pk"))
    for row in rows:
        # "sourced (2012 list)": sourced, and the note says the list is of 2012.
        confidence = row["confidence"].split(" ", 1)[0]
        Obligation.objects.get_or_create(
            state_id=states[row["alpha3"]],
            kind=row["obligation"],
            defaults={
                "deadline": row["deadline"] or None,
                "note": row["note"],
                "source": row["source"],
                "confidence": Obligation.Confidence(confidence),
            },
        )
    return len(rows)
