import pytest
from django.urls import reverse

from reference.models import State
from registration import services
from registration.models import Delegate, Delegation
from tests.conftest import geneva
from tests.helpers import person

pytestmark = pytest.mark.django_db


def test_staff_add_a_delegate_after_the_deadline_marked_late(
    admin_client, open_registration, clock_at
):
    france = State.objects.get(alpha3="FRA")
    delegation = Delegation.objects.create(
        meeting=open_registration,
        category="state_party",
        state=france,
        created_at=geneva(2018, 5, 1, 9),
    )
    clock_at(geneva(2018, 6, 2, 10, 0))
    data = {**person(7), "delegation": delegation.pk, "status": "confirmed"}

    response = admin_client.post(reverse("admin:registration_delegate_add"), data, follow=True)

    assert "marked as a late registration" in response.content.decode()
    delegate = Delegate.objects.get()
    assert delegate.registered_late is True
    assert delegate.meeting == open_registration
    assert delegate.created_at == geneva(2018, 6, 2, 10, 0)


def test_the_public_service_refuses_after_the_deadline(open_registration, clock_at):
    clock_at(geneva(2018, 6, 1, 0, 0, 0))
    identity = services.identity_for(
        meeting=open_registration, state=State.objects.get(alpha3="FRA")
    )

    with pytest.raises(services.RegistrationClosed):
        services.delegate_register(meeting=open_registration, identity=identity, data=person(1))

    assert Delegate.objects.count() == 0


def test_anonymous_visitors_cannot_open_the_admin(client, open_registration):
    response = client.get(reverse("admin:registration_delegate_changelist"))

    assert response.status_code == 302
    assert "/admin/login/" in response.headers["Location"]


def test_staff_get_a_clear_error_for_an_email_already_registered(admin_client, open_registration):
    identity = services.identity_for(
        meeting=open_registration, state=State.objects.get(alpha3="FRA")
    )
    first, _ = services.delegate_register(
        meeting=open_registration,
        identity=identity,
        data={**person(1), "public_list_consent": True},
    )
    data = {**person(2, email="AMINA1@mission.example"), "delegation": first.delegation.pk}
    data["status"] = "registered"

    response = admin_client.post(reverse("admin:registration_delegate_add"), data)

    assert response.status_code == 200
    assert "This e-mail address is already registered." in response.content.decode()
    assert Delegate.objects.count() == 1
