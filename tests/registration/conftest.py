import importlib

import pytest
from django.apps import apps
from django.contrib.auth.models import Group, User

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


# Staff with their roles, for the staff pages and the admin --------------------------

roles_migration = importlib.import_module("registration.migrations.0002_staff_roles")


@pytest.fixture
def roles(db):
    """The groups made by migration 0002. A test that flushes the database (the
    concurrency and browser tests) deletes them; making them again is idempotent."""
    roles_migration.grant_roles(apps, None)
    return {group.name: group for group in Group.objects.all()}


def staff_user(username, group=None) -> User:
    user = User.objects.create_user(username, f"{username}@isu.example", "pw", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def office_user(roles):
    return staff_user("office", "President's office")


@pytest.fixture
def isu_user(roles):
    return staff_user("isu", "ISU staff")
