"""The delegation of a State with obligations is told which updates the programme
invites from it, and put on those speakers' lists in one step."""

import pytest
from django.urls import reverse

from registration.models import Delegate, InterventionRequest
from tests.conftest import geneva
from tests.helpers import (
    confirm_obligations,
    delegation_registration,
    item,
    person,
    register,
    register_delegation,
    self_registration,
    visible_text,
)

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_obligations(obligations, clock_at):
    clock_at(geneva(2018, 5, 30, 12, 0))
    return obligations


def afghanistan_focal_point(meeting):
    return register_delegation(
        meeting,
        state="AFG",
        members=[person(1, role="head"), person(2)],
        name="Focal Point",
        email="focal@afg.example",
    )


def test_focal_point_page_shows_the_article_5_deadline_of_its_state(client, open_obligations):
    confirm_obligations("AFG", kind="article_5")
    _delegation, token = afghanistan_focal_point(open_obligations)

    text = visible_text(client.get(reverse("registration:delegation", args=[token])))

    assert "Updates the programme invites from Afghanistan" in text
    assert "Article 5: mine clearance , Article 5 deadline: 1 March 2023" in text
    assert "item 3, Article 5 implementation" in text
    assert "Put us on the speakers' list for these items" in text


def test_an_unconfirmed_obligation_is_not_put_to_the_delegation(client, open_obligations):
    _delegation, token = afghanistan_focal_point(open_obligations)

    text = visible_text(client.get(reverse("registration:delegation", args=[token])))

    assert "Updates the programme invites" not in text
    assert "2023" not in text


def test_focal_point_puts_its_state_on_the_article_5_list_from_the_prompt(client, open_obligations):
    confirm_obligations("AFG")
    delegation, token = afghanistan_focal_point(open_obligations)
    head = delegation.delegates.get(role=Delegate.Role.HEAD)

    response = client.post(reverse("floor:delegation-updates", args=[token]), follow=True)

    requests = InterventionRequest.objects.filter(delegation=delegation)
    # Article 5 (item 3) and victim assistance (item 2), with the head as speaker.
    assert sorted(r.agenda_item.number for r in requests) == [2, 3]
    assert {r.speaker for r in requests} == {head}
    text = visible_text(response)
    assert "Afghanistan is on the speakers' list for: 2. Victim assistance; 3. Article 5" in text
    assert "Your delegation is on the speakers' list for each of these items." in text
    assert "Put us on the speakers' list" not in text


def test_asking_again_adds_nothing_and_keeps_a_members_own_request(client, open_obligations):
    confirm_obligations("AFG", kind="article_5")
    delegation, token = afghanistan_focal_point(open_obligations)
    member = delegation.delegates.get(role=Delegate.Role.DELEGATE)
    InterventionRequest.objects.create(
        delegation=delegation,
        agenda_item=item(3),
        speaker=member,
        requested_at=geneva(2018, 5, 30, 11),
    )

    response = client.post(reverse("floor:delegation-updates", args=[token]), follow=True)

    assert "already on these speakers' lists" in visible_text(response)
    assert InterventionRequest.objects.get(delegation=delegation).speaker == member


def test_a_self_registered_delegate_is_asked_on_the_done_page_and_answers_there(
    client, open_obligations
):
    confirm_obligations("COL", kind="article_5")
    colombia = open_obligations  # the meeting; the State is chosen in the form
    from reference.models import State

    done = client.post(
        reverse("registration:register-delegate"),
        self_registration(state=State.objects.get(alpha3="COL")),
        follow=True,
    )

    text = visible_text(done)
    assert "Updates the programme invites from Colombia" in text
    assert "Article 5 deadline: 1 March 2021" in text
    form_action = done.content.decode().split('class="updates-panel')[1]
    action = form_action.split('action="')[1].split('"')[0]
    page = client.post(action, follow=True)

    delegate = Delegate.objects.get()
    [request] = InterventionRequest.objects.all()
    assert (request.speaker, request.agenda_item.number) == (delegate, 3)
    assert "Colombia is on the speakers' list for: 3." in visible_text(page)
    assert colombia.pk


def test_the_delegates_private_link_page_says_it_too(client, open_obligations):
    confirm_obligations("KHM")
    _delegate, token = register(open_obligations, state="KHM")

    text = visible_text(client.get(reverse("registration:delegate", args=[token])))

    assert "Updates the programme invites from Cambodia" in text
    assert "Article 5 deadline: 1 January 2020" in text
    assert "Victim assistance" in text


def test_a_state_with_no_obligation_is_not_asked(client, open_obligations):
    _delegate, token = register(open_obligations, state="FRA")

    text = visible_text(client.get(reverse("registration:delegate", args=[token])))

    assert "Updates the programme invites" not in text
    assert "Statements and presentations" in text  # every delegation may send files


def test_after_the_deadline_the_prompt_says_whom_to_write_to(client, open_obligations, clock_at):
    confirm_obligations("AFG", kind="article_5")
    delegation, token = afghanistan_focal_point(open_obligations)
    clock_at(geneva(2018, 6, 1, 9, 0))

    text = visible_text(client.get(reverse("registration:delegation", args=[token])))
    response = client.post(reverse("floor:delegation-updates", args=[token]), follow=True)

    assert "Registration has closed: to take the floor, write to" in text
    assert "Put us on the speakers' list" not in text
    assert "Registration closed on" in visible_text(response)
    assert not InterventionRequest.objects.filter(delegation=delegation).exists()


def test_a_forged_link_puts_no_one_on_a_list(client, open_obligations):
    confirm_obligations("AFG")
    afghanistan_focal_point(open_obligations)

    response = client.post(reverse("floor:delegation-updates", args=["forged:token"]))

    assert response.status_code == 404
    assert not InterventionRequest.objects.exists()


def test_the_delegation_form_registers_then_asks(client, open_obligations):
    from reference.models import State

    confirm_obligations("SDN", kind="article_5")
    data = delegation_registration(State.objects.get(alpha3="SDN"), [person(1, role="head")])

    done = client.post(reverse("registration:register-delegation"), data, follow=True)

    assert "Updates the programme invites from Sudan" in visible_text(done)
    assert "Article 5 deadline: 1 April 2019" in visible_text(done)


def test_a_state_with_no_confirmed_obligation_is_put_on_no_list(client, open_obligations):
    _delegate, token = register(open_obligations, state="AGO")  # loaded, not confirmed

    response = client.post(reverse("floor:delegate-updates", args=[token]), follow=True)

    assert "The programme invites no update from your State." in visible_text(response)
    assert not InterventionRequest.objects.exists()
