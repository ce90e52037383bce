"""Load the States, organisations and obligations from the CSV files in reference/data/
(see SOURCES.md there). Idempotent: running a load again changes nothing the ISU
corrected."""

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


@transaction.atomic
def load_states() -> int:
    with open(DATA_DIR / "apmbc_states_2018.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        State.objects.update_or_create(
            alpha3=row["alpha3"],
            defaults={
                "un_name": row["un_name_2018"],
                "entry_into_force": _day(row["entry_into_force"]),
            },
        )
    return len(rows)


@transaction.atomic
def load_organisations() -> int:
    with open(DATA_DIR / "apmbc_observer_organisations.csv", newline="", encoding="utf-8") as f:
        rows = list(csv.DictReader(f))
    for row in rows:
        kind = (
            Organisation.Kind.NON_GOVERNMENTAL
            if row["kind"] in NGO_KINDS
            else Organisation.Kind.INTERNATIONAL
        )
        # Staff may have corrected a name: match on the name as loaded, keep their kind.
        Organisation.objects.get_or_create(
            name=row["name"], defaults={"acronym": row["acronym"], "kind": kind}
        )
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
