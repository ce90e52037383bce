"""The one set of factories and helpers of the test suite: what a person types,
registrations made through the services (as the public forms make them), staff
accounts with their roles, and the text a person sees on a page."""

import re

from django.apps import apps
from django.contrib.auth.models import Group, User

from intersessional.roles import grant_roles
from reference.models import Organisation, State
from registration import services


def visible_text(response) -> str:
    """The words of a page as a person reads them: no tags, scripts or styles."""
    html = response.content.decode()
    html = re.sub(r"<(script|style)\b.*?</\1>", " ", html, flags=re.S)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


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
    """The public one-person form's POST data."""
    data = {
        "kind": "state" if state else "organisation",
        "state": state.pk if state else "",
        "organisation": organisation.pk if organisation else "",
    }
    data.update(person(**overrides))
    return data


def delegation_registration(state, members: list[dict], **overrides) -> dict:
    """The public delegation form's POST data, with its members' formset."""
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


def identity(meeting, *, state: str | None = None, acronym: str | None = None):
    """The Identity of a State (by ISO alpha-3) or an organisation (by acronym)."""
    return services.identity_for(
        meeting=meeting,
        state=State.objects.get(alpha3=state) if state else None,
        organisation=Organisation.objects.get(acronym=acronym) if acronym else None,
    )


def register(meeting, *, state: str | None = "FRA", acronym: str | None = None, n=1, **overrides):
    """One delegate registered through the service, as the public form does (consenting
    to the public list unless told otherwise). Returns (delegate, private token)."""
    who = identity(meeting, state=None if acronym else state, acronym=acronym)
    data = {**person(n), "public_list_consent": True, **overrides}
    return services.delegate_register(meeting=meeting, identity=who, data=data)


def register_delegation(meeting, *, state: str, members: list[dict], **focal_point):
    """A whole delegation through the service. Returns (delegation, focal point's token)."""
    return services.delegation_register(
        meeting=meeting,
        identity=identity(meeting, state=state),
        focal_point_name=focal_point.get("name", "Focal Point"),
        focal_point_email=focal_point.get("email", "focal@mission.example"),
        members=[{**member, "public_list_consent": True} for member in members],
    )


def make_roles() -> dict[str, Group]:
    """The staff groups that the migrations make (idempotent: a test that flushed the
    database gets them back)."""
    grant_roles(apps, None)
    return {group.name: group for group in Group.objects.all()}


def staff_user(username, group=None) -> User:
    user = User.objects.create_user(username, f"{username}@isu.example", "pw", is_staff=True)
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user
