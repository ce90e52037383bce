"""Load the States and organisations from the CSV files in reference/data/
(see SOURCES.md there). Idempotent: update_or_create on a stable key."""

import csv
from datetime import datetime
from pathlib import Path

from django.db import transaction

from .models import Organisation, State

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
