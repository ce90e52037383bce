"""The List of Participants in English, French and Spanish: the States under their UN
names in that language, in that language's alphabetical order (PostgreSQL's ICU
collations), with its headings in that language."""

import csv
import io

import pytest
from django.db import connection
from django.utils import translation

from documents.exports import write_pdf
from documents.queries import list_of_participants
from tests import helpers

pytestmark = pytest.mark.django_db

# Eight States Parties; in French five start with an E, three of those with an accent.
STATES = ["ZWE", "ETH", "ESP", "ECU", "ERI", "SLV", "EST", "DEU"]

FRENCH_ORDER = [
    "Allemagne",
    "El Salvador",
    "Équateur",
    "Érythrée",
    "Espagne",
    "Estonie",
    "Éthiopie",
    "Zimbabwe",
]
SPANISH_ORDER = [
    "Alemania",
    "Ecuador",
    "El Salvador",
    "Eritrea",
    "España",
    "Estonia",
    "Etiopía",
    "Zimbabwe",
]
ENGLISH_ORDER = [
    "Ecuador",
    "El Salvador",
    "Eritrea",
    "Estonia",
    "Ethiopia",
    "Germany",
    "Spain",
    "Zimbabwe",
]


@pytest.fixture
def registered(open_registration):
    for n, alpha3 in enumerate(STATES, start=1):
        helpers.register(open_registration, state=alpha3, n=n)
    helpers.register(open_registration, acronym="ICRC", n=99)
    return open_registration


def delegations(participants) -> list[str]:
    names = []
    for p in participants:
        if p.delegation not in names:
            names.append(p.delegation)
    return names


def states_only(names):
    return [n for n in names if "Croix-Rouge" not in n and "Red Cross" not in n]


@pytest.mark.parametrize(
    ("language", "expected"),
    [("fr", FRENCH_ORDER), ("es", SPANISH_ORDER), ("en", ENGLISH_ORDER)],
)
def test_the_list_orders_the_states_by_their_name_in_its_language(registered, language, expected):
    participants = list_of_participants(registered, public=True, language=language)

    assert states_only(delegations(participants)) == expected


def test_the_order_comes_from_the_databases_icu_collation(registered):
    participants = list_of_participants(registered, public=True, language="fr")

    # On PostgreSQL the database ranks the names with the "fr-x-icu" collation (the
    # tests' cluster's own collation is C, which would put "Équateur" after "Zimbabwe").
    assert connection.vendor == "postgresql"
    assert all(p.delegation_rank is not None for p in participants)
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT name FROM unnest(ARRAY['Zimbabwe', 'Équateur', 'Espagne']) AS name "
            'ORDER BY name COLLATE "C"'
        )
        assert [row[0] for row in cursor.fetchall()] == ["Espagne", "Zimbabwe", "Équateur"]


def test_the_organisations_keep_their_french_names_in_the_french_list(registered):
    participants = list_of_participants(registered, public=True, language="fr")

    assert delegations(participants)[-1] == "Comité international de la Croix-Rouge"


def test_the_staff_download_the_french_list_with_french_headings(client, registered, office_user):
    client.force_login(office_user)

    response = client.get("/staff/participants.csv?public=1&lang=fr")

    assert response.status_code == 200
    assert "-fr.csv" in response["Content-Disposition"]
    rows = list(csv.reader(io.StringIO(response.content.decode("utf-8-sig"))))
    assert rows[0][:3] == ["Catégorie", "Délégation", "Rôle"]
    states = [row[1] for row in rows[1:] if row[0] == "État partie"]
    assert states == FRENCH_ORDER


def test_an_unknown_list_language_falls_back_to_english(client, registered, office_user):
    client.force_login(office_user)

    response = client.get("/staff/participants.csv?public=1&lang=xx")

    assert response.content.decode("utf-8-sig").startswith("Category,Delegation")


@pytest.mark.parametrize(
    ("language", "dates"),
    [("en", "7–8 June 2018"), ("fr", "7–8 juin 2018"), ("es", "7 y 8 de junio de 2018")],
)
def test_the_pdf_list_writes_the_meetings_days_in_its_language(registered, language, dates):
    participants = list_of_participants(registered, public=True, language=language)
    out = io.BytesIO()

    # As the worker renders it (documents/tasks.py): inside the list's language.
    with translation.override(language):
        write_pdf(participants, out, meeting=registered, public=True)

    assert dates in " ".join(helpers.pdf_text(out.getvalue()).split())
