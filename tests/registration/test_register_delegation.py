import pytest
from django.core import mail
from django.urls import reverse

from outbox.models import Notification
from registration.models import Delegate, Delegation
from tests.helpers import delegation_registration, person, visible_text

pytestmark = pytest.mark.django_db
URL = reverse("registration:register-delegation")


def twelve_members():
    return [person(n, role="head" if n == 1 else "delegate") for n in range(1, 13)]


def test_focal_point_registers_twelve_members_in_one_submission(
    client, open_registration, france, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(URL, delegation_registration(france, twelve_members()), follow=True)

    assert "Thank you: your registration is received" in visible_text(response)
    delegation = Delegation.objects.get()
    assert delegation.focal_point_email == "focal@mission.example"
    assert delegation.delegates.count() == 12
    assert delegation.delegates.get(role="head").given_name == "Amina1"
    [message] = mail.outbox
    assert message.to == ["focal@mission.example"]
    assert "Amina12 Diallo12, Delegate" in message.body
    assert Notification.objects.get().kind == "delegation_received"
    link = response.context["private_link"].removeprefix("http://127.0.0.1:8000")
    assert link in message.body
    assert "Delegation of France" in visible_text(client.get(link))


def test_members_marked_for_removal_or_left_empty_are_not_registered(
    client, open_registration, france
):
    # What a browser sends for a spare row nobody touched.
    untouched = {
        **dict.fromkeys(["title", "given_name", "family_name", "badge_name", "function"], ""),
        **{"email": "", "role": "delegate", "age_band": ""},
    }
    members = [person(1, role="head"), person(2, DELETE="on"), untouched]
    data = delegation_registration(france, members)

    client.post(URL, data)

    assert list(Delegate.objects.values_list("given_name", flat=True)) == ["Amina1"]


@pytest.mark.parametrize(
    "roles", [["delegate", "adviser"], ["head", "head"]], ids=["no head", "two heads"]
)
def test_a_delegation_needs_exactly_one_head(client, open_registration, france, roles):
    members = [person(n, role=role) for n, role in enumerate(roles, start=1)]

    response = client.post(URL, delegation_registration(france, members))

    assert "Name exactly one head of delegation." in visible_text(response)
    assert Delegation.objects.count() == 0
    assert 'value="Amina2"' in response.content.decode()


def test_the_same_email_twice_in_a_delegation_is_refused(client, open_registration, france):
    members = [person(1, role="head"), person(2, email="amina1@mission.example")]

    response = client.post(URL, delegation_registration(france, members))

    assert "Each member needs an e-mail address of their own." in visible_text(response)
    assert Delegate.objects.count() == 0


def test_a_second_delegation_of_the_same_state_is_refused_with_advice(
    client, open_registration, france
):
    client.post(URL, delegation_registration(france, [person(1, role="head")]))

    response = client.post(
        URL,
        delegation_registration(
            france, [person(2, role="head")], focal_point_email="other@mission.example"
        ),
    )

    assert "A delegation of France is already registered." in visible_text(response)
    assert Delegate.objects.count() == 1


def test_an_email_already_registered_elsewhere_is_refused_and_nothing_is_saved(
    client, open_registration, france, django_capture_on_commit_callbacks
):
    from reference.models import State
    from registration import services

    services.delegate_register(
        meeting=open_registration,
        identity=services.identity_for(
            meeting=open_registration, state=State.objects.get(alpha3="DEU")
        ),
        data={**person(5), "public_list_consent": True},
    )

    members = [person(1, role="head"), person(5)]
    response = client.post(URL, delegation_registration(france, members))

    assert "amina5@mission.example is already registered" in visible_text(response)
    assert not Delegation.objects.filter(state=france).exists()
