import pytest

from registration.models import Organisation, State
from registration.reference import load_organisations, load_states
from tests.conftest import geneva

BEFORE_DEADLINE = geneva(2018, 5, 30, 12, 0)


@pytest.fixture
def reference(meeting):
    load_states()
    load_organisations()
    return meeting


@pytest.fixture
def open_registration(reference, clock_at):
    clock_at(BEFORE_DEADLINE)
    return reference


@pytest.fixture
def france(reference):
    return State.objects.get(alpha3="FRA")


@pytest.fixture
def icrc(reference):
    return Organisation.objects.get(acronym="ICRC")


def person(n: int = 1, **overrides) -> dict:
    """The fields of one delegate as a person types them."""
    data = {
        "title": "Ms",
        "given_name": f"Amina{n}",
        "family_name": f"Diallo{n}",
        "badge_name": "",
        "function": "Counsellor",
        "role": "delegate",
        "email": f"amina{n}@mission.example",
        "gender": "woman",
        "age_band": "35_44",
        "public_list_consent": "on",
    }
    data.update(overrides)
    return data


def self_registration(state=None, organisation=None, **overrides) -> dict:
    data = {
        "kind": "state" if state else "organisation",
        "state": state.pk if state else "",
        "organisation": organisation.pk if organisation else "",
    }
    data.update(person(**overrides))
    return data


def delegation_registration(state, members: list[dict], **overrides) -> dict:
    data = {
        "kind": "state",
        "state": state.pk,
        "organisation": "",
        "focal_point_name": "Jean Dupont",
        "focal_point_email": "focal@mission.example",
        "members-TOTAL_FORMS": str(len(members)),
        "members-INITIAL_FORMS": "0",
        "members-MIN_NUM_FORMS": "1",
        "members-MAX_NUM_FORMS": "40",
    }
    for i, member in enumerate(members):
        for key, value in member.items():
            data[f"members-{i}-{key}"] = value
    data.update(overrides)
    return data
