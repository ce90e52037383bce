import pytest
from django.core import mail
from django.urls import reverse

from reference.models import Organisation, State
from registration import links, services
from registration.models import Delegate
from tests.conftest import geneva
from tests.helpers import person, register, visible_text

pytestmark = pytest.mark.django_db


def page_url(token):
    return reverse("registration:delegate", args=[token])


def edit_url(token):
    return reverse("registration:delegate-edit", args=[token])


def test_private_link_shows_only_its_own_registration(client, open_registration):
    _mine, my_token = register(open_registration, n=1)
    register(open_registration, state="DEU", n=2)

    text = visible_text(client.get(page_url(my_token)))

    assert "Amina1 Diallo1" in text
    assert "Amina2" not in text and "Germany" not in text


@pytest.mark.parametrize("tamper", ["drop-last", "raw-token", "other-salt"])
def test_a_forged_or_altered_link_is_not_found(client, open_registration, tamper):
    delegate, token = register(open_registration)
    forged = {
        "drop-last": token[:-1],
        "raw-token": token.split(":")[0],
        # A focal point's signature does not open a delegate's page.
        "other-salt": links.issue_token(delegate.delegation),
    }[tamper]

    response = client.get(page_url(forged))

    assert response.status_code == 404
    assert "Amina1" not in response.content.decode()


def test_delegate_corrects_their_name_through_the_link(client, open_registration):
    delegate, token = register(open_registration)
    data = person(1, given_name="Aminata", public_list_consent="")

    page = client.get(page_url(token))
    assert f'href="{edit_url(token)}"' in page.content.decode()

    response = client.post(edit_url(token), data, follow=True)

    assert response.redirect_chain == [(page_url(token), 302)]
    assert "Your registration is updated." in visible_text(response)
    assert "Ms Aminata Diallo1" in visible_text(response)
    delegate.refresh_from_db()
    assert delegate.given_name == "Aminata"
    assert delegate.public_list_consent is False


def test_the_edit_form_shows_the_stored_values_and_refuses_an_invalid_change(
    client, open_registration
):
    delegate, token = register(open_registration)

    form_page = client.get(edit_url(token))
    refused = client.post(edit_url(token), person(1, given_name="", email="not-an-address"))

    assert form_page.context["form"]["given_name"].value() == "Amina1"
    assert "Save the changes" in visible_text(form_page)
    assert refused.status_code == 200
    assert "Please correct the fields marked below." in visible_text(refused)
    delegate.refresh_from_db()
    assert (delegate.given_name, delegate.email) == ("Amina1", "amina1@mission.example")


def test_the_landing_page_takes_no_correction(client, open_registration):
    delegate, token = register(open_registration)

    response = client.post(page_url(token), person(1, given_name="Aminata"))

    assert response.status_code == 405
    delegate.refresh_from_db()
    assert delegate.given_name == "Amina1"


def test_after_the_deadline_the_link_is_read_only(client, open_registration, clock_at):
    delegate, token = register(open_registration)
    clock_at(geneva(2018, 6, 1, 0, 0, 0))

    page = client.get(page_url(token))
    form_page = client.get(edit_url(token))
    refused = client.post(edit_url(token), person(1, given_name="Changed"))

    assert "this page is read-only" in visible_text(page)
    assert "Correct your registration" not in visible_text(page)
    assert edit_url(token) not in page.content.decode()
    assert form_page.status_code == 302 and form_page.headers["Location"] == page_url(token)
    assert refused.status_code == 403
    delegate.refresh_from_db()
    assert delegate.given_name == "Amina1"


def test_delegate_withdraws_and_gets_an_email(
    client, open_registration, django_capture_on_commit_callbacks
):
    delegate, token = register(open_registration)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registration:delegate-withdraw", args=[token]), follow=True)

    assert "Your registration is withdrawn." in visible_text(response)
    delegate.refresh_from_db()
    assert delegate.status == Delegate.Status.WITHDRAWN
    assert mail.outbox[-1].subject == "Registration withdrawn: 2018 Intersessional Meetings"


def test_lost_link_sends_a_new_link_and_the_old_one_stops_working(
    client, open_registration, django_capture_on_commit_callbacks
):
    _delegate, old_token = register(open_registration)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registration:lost-link"), {"email": "AMINA1@mission.example"}, follow=True
        )

    assert "a new private link is on its way" in visible_text(response)
    new_link = mail.outbox[-1].body.split("http://127.0.0.1:8000")[1].split()[0]
    assert client.get(page_url(old_token)).status_code == 404
    assert "Amina1 Diallo1" in visible_text(client.get(new_link))


def test_lost_link_for_an_unknown_address_says_the_same_and_sends_nothing(
    client, open_registration, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(
            reverse("registration:lost-link"), {"email": "nobody@example.org"}, follow=True
        )

    assert "If nobody@example.org is registered" in visible_text(response)
    assert mail.outbox == []


def focal_point(meeting, n_members=1):
    identity = services.identity_for(meeting=meeting, state=State.objects.get(alpha3="FRA"))
    members = [
        {**person(n, role="head" if n == 1 else "delegate"), "public_list_consent": True}
        for n in range(1, n_members + 1)
    ]
    return services.delegation_register(
        meeting=meeting,
        identity=identity,
        focal_point_name="Jean Dupont",
        focal_point_email="focal@mission.example",
        members=members,
    )


def test_focal_point_adds_and_withdraws_members(client, open_registration):
    delegation, token = focal_point(open_registration)
    url = reverse("registration:delegation", args=[token])

    client.post(url, {f"new-{k}": v for k, v in person(2).items()})
    member = delegation.delegates.get(given_name="Amina2")
    client.post(
        reverse("registration:delegation-member", args=[token, member.pk]), {"withdraw": "1"}
    )

    text = visible_text(client.get(url))
    assert "Amina1 Diallo1" in text
    assert "Amina2 Diallo2 Delegate Counsellor Withdrawn" in text


def test_focal_point_cannot_reach_a_member_of_another_delegation(client, open_registration):
    _delegation, token = focal_point(open_registration)
    stranger, _ = register(open_registration, state="DEU", n=9)

    url = reverse("registration:delegation-member", args=[token, stranger.pk])

    assert client.get(url).status_code == 404
    assert client.post(url, {"withdraw": "1"}).status_code == 404
    stranger.refresh_from_db()
    assert stranger.status == Delegate.Status.REGISTERED


@pytest.mark.parametrize("size", [1, 20])
def test_delegation_page_runs_a_fixed_number_of_queries(
    client, open_registration, django_assert_max_num_queries, size
):
    _delegation, token = focal_point(open_registration, n_members=size)
    # The process has served a page in the minute: the meeting and the States are kept.
    client.get(reverse("registration:delegation", args=[token]))

    # The delegation with its organisation, its members, its bilateral meetings, its
    # State's confirmed obligations (none for France: the updates panel stops there).
    with django_assert_max_num_queries(4):
        response = client.get(reverse("registration:delegation", args=[token]))
    assert response.context["members"].count() == size


@pytest.mark.parametrize("items", [0, 3])
def test_delegate_page_runs_a_fixed_number_of_queries(
    client, open_registration, django_assert_max_num_queries, items
):
    from programme.models import AgendaItem

    delegate, token = register(open_registration)
    open_items = AgendaItem.objects.filter(allows_floor_requests=True).order_by("number")
    services.delegate_update(delegate=delegate, data={"floor_items": list(open_items[:items])})

    # The process has served a page in the minute: the meeting and the States are kept.
    client.get(page_url(token))

    # The landing page renders no form: the delegate with its delegation, its requests
    # for the floor, its State's confirmed obligations (none for France).
    with django_assert_max_num_queries(3):
        page = client.get(page_url(token))
    assert len(page.context["floor_requests"]) == items
    assert "<input" not in page.content.decode().split("Withdraw")[0]

    # The edit form: the delegate, its requests for the floor, the items open to requests.
    with django_assert_max_num_queries(3):
        form_page = client.get(edit_url(token))
    assert len(form_page.context["form"].initial["floor_items"]) == items


def test_the_page_of_a_delegate_of_a_state_not_party_runs_two_queries(
    client, open_registration, django_assert_max_num_queries
):
    _delegate, token = register(open_registration, state="USA")
    client.get(page_url(token))  # the meeting and the States, kept for the minute

    # The delegate with its delegation, its requests for the floor: the State's own row
    # says that the programme invites no update from it.
    with django_assert_max_num_queries(2):
        page = client.get(page_url(token))
    assert "United States of America" in visible_text(page)


def test_organisation_registration_through_the_service(open_registration):
    icrc = Organisation.objects.get(acronym="ICRC")
    identity = services.identity_for(meeting=open_registration, organisation=icrc)

    delegate, _ = services.delegate_register(
        meeting=open_registration,
        identity=identity,
        data={**person(1), "public_list_consent": True},
    )

    assert delegate.delegation.name == "International Committee of the Red Cross"


def test_a_declined_registration_cannot_be_withdrawn_to_free_its_address(
    client, open_registration, django_capture_on_commit_callbacks
):
    delegate, token = register(open_registration)
    Delegate.objects.filter(pk=delegate.pk).update(status=Delegate.Status.DECLINED)

    with django_capture_on_commit_callbacks(execute=True):
        response = client.post(reverse("registration:delegate-withdraw", args=[token]), follow=True)

    assert "This registration is no longer active." in visible_text(response)
    delegate.refresh_from_db()
    assert delegate.status == Delegate.Status.DECLINED
    assert not any("withdrawn" in m.subject for m in mail.outbox)


def test_an_edit_keeps_the_status_the_isu_set_meanwhile(client, open_registration):
    delegate, token = register(open_registration)
    client.get(edit_url(token))  # the form is opened...
    Delegate.objects.filter(pk=delegate.pk).update(status=Delegate.Status.CONFIRMED)

    # ...and sent after, with a change the ISU did not check (a name would be: see
    # tests/registration/test_reconfirmation.py).
    client.post(edit_url(token), person(1, age_band="65_plus"))

    delegate.refresh_from_db()
    assert (delegate.age_band, delegate.status) == ("65_plus", Delegate.Status.CONFIRMED)


def test_the_done_page_shows_the_private_link_only_once(client, open_registration, france):
    from tests.helpers import self_registration

    client.post(reverse("registration:register-delegate"), self_registration(state=france))

    first = client.get(reverse("registration:done"))
    second = client.get(reverse("registration:done"))

    assert first.context["private_link"].startswith("/en/registration/")
    assert second.context["private_link"] is None
    assert "open your registration" not in visible_text(second)


def test_email_subjects_are_plain_text_on_one_line(open_registration):
    from outbox.services import email_render as render_email

    open_registration.title = 'Meetings & "Talks"\r\nBcc: victim@example.org'
    subject, _text, _html = render_email("private_link", {"meeting": open_registration})

    assert subject == 'Your private link: Meetings & "Talks" Bcc: victim@example.org'
