import pytest

from registration import services as registration_services
from tests.conftest import BEFORE_DEADLINE
from tests.helpers import item, register, staff_user


@pytest.fixture
def lists(meeting, clock_at):
    """Three delegations on the speakers' list of item 3 (a State Party, a State not
    party and an organisation, in that order), registered before the deadline; then
    the clock is set to the item's session."""
    clock_at(BEFORE_DEADLINE)
    article_5 = item(3)
    delegations = {}
    for n, (state, acronym) in enumerate(
        [("FRA", None), ("USA", None), (None, "ICRC"), ("DEU", None)], start=1
    ):
        delegate, _token = register(meeting, state=state, acronym=acronym, n=n)
        delegations[state or acronym] = delegate.delegation
        if state != "DEU":
            registration_services.floor_requests_add(
                delegation=delegate.delegation, speaker=delegate, items=[article_5]
            )
    clock_at(article_5.session.starts_at)
    return {"item": article_5, **delegations}


@pytest.fixture
def chair(roles):
    return staff_user("chair", "ISU staff")


@pytest.fixture
def interpreter(roles):
    return staff_user("booth", "Interpreters")
