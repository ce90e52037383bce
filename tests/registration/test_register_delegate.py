import re

import pytest
from django.core import mail
from django.test import Client
from django.urls import reverse

from outbox.models import Notification
from reference.models import State
from registration.models import Category, Delegate, Delegation
from tests.conftest import geneva
from tests.helpers import self_registration, visible_text

pytestmark = pytest.mark.django_db
URL = reverse("registration:register-delegate")


def submit(client, data, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        return client.post(URL, data, follow=True)


def link_in(message) -> str:
    return re.search(r"http://\S+/registration/\S+/", message.body).group(0)


def test_register_yourself_stores_the_delegate_and_emails_the_private_link(
    client, open_registration, france, django_capture_on_commit_callbacks
):
    response = submit(client, self_registration(state=france), django_capture_on_commit_callbacks)

    assert "Thank you: your registration is received" in visible_text(response)
    delegate = Delegate.objects.get()
    assert (delegate.given_name, delegate.family_name) == ("Amina1", "Diallo1")
    assert delegate.status == Delegate.Status.REGISTERED
    assert delegate.delegation.category == Category.STATE_PARTY
    assert delegate.delegation.state == france
    assert delegate.created_at == geneva(2018, 5, 30, 12, 0)
    assert Notification.objects.get().status == Notification.Status.SENT
    [message] = mail.outbox
    assert message.to == ["amina1@mission.example"]
    assert message.subject == "Registration received: 2018 Intersessional Meetings"
    link = link_in(message)
    page = client.get(link.removeprefix("http://127.0.0.1:8000"))
    assert "Amina1 Diallo1" in visible_text(page)
    assert "France (State Party)" in visible_text(page)


@pytest.mark.parametrize(
    ("alpha3", "category"),
    [
        ("FRA", Category.STATE_PARTY),
        ("RUS", Category.STATE_NOT_PARTY),
        ("USA", Category.STATE_NOT_PARTY),
        # In force on 1 June 2018, a week before the meetings open.
        ("LKA", Category.STATE_PARTY),
        ("PSE", Category.STATE_PARTY),
    ],
)
def test_state_category_comes_from_the_reference_data(
    client, open_registration, alpha3, category, django_capture_on_commit_callbacks
):
    state = State.objects.get(alpha3=alpha3)

    submit(client, self_registration(state=state), django_capture_on_commit_callbacks)

    assert Delegation.objects.get().category == category


def test_reference_data_has_164_parties_and_33_states_not_party(open_registration):
    parties = [s for s in State.objects.all() if s.is_party_on(open_registration.starts_on)]
    assert len(parties) == 164
    assert State.objects.count() == 197
    assert State.objects.get(alpha3="VNM").un_name == "Viet Nam"


def test_organisation_category_follows_its_kind(
    client, open_registration, icrc, django_capture_on_commit_callbacks
):
    submit(client, self_registration(organisation=icrc), django_capture_on_commit_callbacks)

    assert Delegation.objects.get().category == Category.INTERNATIONAL


def test_second_delegate_of_a_state_joins_its_delegation(
    client, open_registration, france, django_capture_on_commit_callbacks
):
    submit(client, self_registration(state=france, n=1), django_capture_on_commit_callbacks)
    submit(client, self_registration(state=france, n=2), django_capture_on_commit_callbacks)

    assert Delegation.objects.count() == 1
    assert Delegation.objects.get().delegates.count() == 2


def test_register_in_the_deadlines_last_second_is_accepted(
    client, open_registration, france, clock_at, django_capture_on_commit_callbacks
):
    clock_at(geneva(2018, 5, 31, 23, 59, 59, 900000))

    submit(client, self_registration(state=france), django_capture_on_commit_callbacks)

    assert Delegate.objects.count() == 1


def test_register_after_deadline_is_refused_and_shows_what_was_typed(
    client, open_registration, france, clock_at
):
    client.get(URL)  # the form was opened before the deadline...
    clock_at(geneva(2018, 6, 1, 0, 0, 0))  # ...and is sent at midnight

    response = client.post(URL, self_registration(state=france, given_name="Léa"))

    text = visible_text(response)
    assert "Registration closed on Thursday 31 May 2018, 23:59 (Geneva time)" in text
    assert "isu@apminebanconvention.org" in text
    assert 'value="Léa"' in response.content.decode()
    assert Delegate.objects.count() == 0
    assert Delegation.objects.count() == 0


def test_form_after_deadline_shows_the_closed_page(client, open_registration, clock_at):
    clock_at(geneva(2018, 6, 1, 0, 0, 0))

    text = visible_text(client.get(URL))

    assert "Registration is closed" in text
    assert "closed on Thursday 31 May 2018, 23:59 Geneva time" in text


def test_same_email_in_other_case_is_refused_next_to_the_field(
    client, open_registration, france, django_capture_on_commit_callbacks
):
    submit(client, self_registration(state=france), django_capture_on_commit_callbacks)

    response = client.post(
        URL, self_registration(state=france, n=2, email="AMINA1@Mission.Example")
    )

    assert response.context["form"].errors["email"] == [
        "AMINA1@Mission.Example is already registered for this meeting. "
        "You can have your private link sent to it again."
    ]
    assert Delegate.objects.count() == 1


def test_second_head_of_the_same_delegation_is_refused(
    client, open_registration, france, django_capture_on_commit_callbacks
):
    submit(client, self_registration(state=france, role="head"), django_capture_on_commit_callbacks)

    response = client.post(URL, self_registration(state=france, n=2, role="head"))

    assert response.context["form"].errors["role"] == ["France already has a head of delegation."]
    assert Delegate.objects.count() == 1


@pytest.mark.parametrize(
    ("change", "field", "message"),
    [
        ({"given_name": ""}, "given_name", "This field is required."),
        ({"email": "not-an-address"}, "email", "Enter a valid email address."),
        ({"family_name": "x" * 101}, "family_name", "Ensure this value has at most 100"),
        ({"gender": "robot"}, "gender", "Select a valid choice."),
        ({"state": "999999"}, "state", "Select a valid choice."),
        ({"kind": "organisation"}, "organisation", "Choose the organisation you represent."),
        ({"given_name": "Ami\x00na"}, "given_name", "Null characters are not allowed."),
    ],
)
def test_bad_input_gets_an_error_next_to_the_field_and_nothing_is_saved(
    client, open_registration, france, change, field, message
):
    data = self_registration(state=france)
    data.update(change)

    response = client.post(URL, data)

    assert response.status_code == 200
    assert any(message in error for error in response.context["form"].errors[field])
    assert Delegate.objects.count() == 0


def test_state_and_organisation_together_is_refused(client, open_registration, france, icrc):
    data = self_registration(state=france)
    data["organisation"] = icrc.pk

    response = client.post(URL, data)

    assert response.context["form"].errors["organisation"] == [
        "Leave the organisation empty when you represent a State."
    ]
    assert Delegate.objects.count() == 0


def test_post_without_csrf_token_is_refused(open_registration, france):
    from django.test import Client

    response = Client(enforce_csrf_checks=True).post(URL, self_registration(state=france))

    assert response.status_code == 403
    assert Delegate.objects.count() == 0


def test_registration_form_runs_a_fixed_number_of_queries(
    client, open_registration, django_assert_num_queries, django_assert_max_num_queries
):
    # The meeting, the States, the organisations, the items open to floor requests.
    with django_assert_max_num_queries(4):
        client.get(URL)
    # Then the whole page is kept for the minute (intersessional/pagecache.py): no query.
    with django_assert_num_queries(0):
        again = client.get(URL)
    assert '<option value="' in again.content.decode()
    assert "Viet Nam" in again.content.decode()


def test_a_kept_form_page_carries_a_working_token_of_its_own(open_registration, france):
    first_visitor = Client(enforce_csrf_checks=True)
    second_visitor = Client(enforce_csrf_checks=True)
    first_visitor.get(URL)  # renders the page and keeps it
    page = second_visitor.get(URL)  # from memory, with a token for this visitor
    token = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.content.decode())

    response = second_visitor.post(
        URL, {**self_registration(state=france), "csrfmiddlewaretoken": token.group(1)}
    )

    assert response.status_code == 302
    assert Delegate.objects.get().delegation.state == france


def test_a_form_sent_back_with_errors_is_not_the_cached_empty_one(client, open_registration):
    client.get(URL)  # fills the cache with the empty form

    response = client.post(URL, self_registration(state=None, given_name="Kept"))

    assert 'value="Kept"' in response.content.decode()
    assert "Choose the organisation you represent." in visible_text(response)


def test_a_registration_writes_no_session_row(client, open_registration, france):
    from django.contrib.sessions.models import Session

    response = client.post(URL, self_registration(state=france))

    assert response.status_code == 302
    assert Session.objects.count() == 0
    # The private link rides in a signed cookie limited to the "done" page.
    cookie = response.cookies["last_link"]
    assert cookie["path"] == "/en/register/done/" and cookie["httponly"]
