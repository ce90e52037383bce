"""A person's own data: the privacy notice where data is collected, the JSON download
from the private link, a request for erasure that the ISU sees and carries out."""

import json

from django.urls import reverse

from figures.tables import figures
from privacy.models import ErasureRequest
from registration import links
from registration.models import Delegate
from tests.helpers import register, visible_text


def test_the_privacy_notice_is_where_data_is_collected(client, open_registration):
    delegate, token = register(open_registration)
    pages = [
        reverse("registration:register-delegate"),
        reverse("registration:register-delegation"),
        links.path(Delegate, token),
    ]
    for url in pages:
        text = visible_text(client.get(url))
        assert "How your personal data is used" in text, url
        assert "kept for 365 days after the meeting ends, then anonymised" in text, url
        assert "ask for it to be erased" in text, url

    full = visible_text(client.get(reverse("privacy:notice")))
    assert "Who sees it" in full and "only those who consented" in full


def test_a_delegate_downloads_everything_held_about_them(client, open_registration):
    delegate, token = register(
        open_registration, given_name="Ysolde", family_name="Quennevey", function="Counsellor"
    )

    page = client.get(links.path(Delegate, token))
    assert "Download everything held about you (JSON)" in visible_text(page)
    response = client.get(reverse("privacy:personal-data", args=[token]))

    assert response["Content-Type"].startswith("application/json")
    assert "attachment" in response["Content-Disposition"]
    data = json.loads(response.content)
    held = data["registration"]["delegate"]
    # Every column of the delegate's row is in it.
    assert set(held) == {f.name for f in Delegate._meta.concrete_fields}
    assert held["given_name"] == "Ysolde" and held["family_name"] == "Quennevey"
    assert held["email"] == delegate.email and held["function"] == "Counsellor"
    assert held["gender"] == "woman" and held["age_band"] == "35_44"
    assert held["delegation"] == "France" and held["meeting"] == str(open_registration)
    assert "fingerprint" in held["access_token_hash"]
    assert data["registration"]["delegation"]["name"] == "France"
    # The e-mail they were sent, and the history of their registration.
    [email] = data["emails"]
    assert email["kind"] == "registration_received" and email["to_email"] == delegate.email
    assert "Quennevey" in email["body_text"]
    assert data["entries_at_the_door"] == []  # not at the meeting yet
    # Registered through the service here, outside a request: "system".
    [created] = data["history"]
    assert (created["who"], created["what"]) == ("system", "created")
    assert created["changes"]["family_name"] == ["None", "Quennevey"]


def test_a_forged_link_downloads_nothing(client, open_registration):
    register(open_registration)
    response = client.get(reverse("privacy:personal-data", args=["forged:link"]))
    assert response.status_code == 404


def test_a_delegate_asks_for_erasure_and_the_isu_erases_them(client, open_registration, isu_user):
    delegate, token = register(open_registration, family_name="Quennevey")
    other, _ = register(open_registration, n=2)
    before = figures(open_registration)

    landing = visible_text(client.get(links.path(Delegate, token)))
    asking = visible_text(client.get(reverse("privacy:ask-erasure", args=[token])))
    assert "Ask for my data to be erased" in landing
    assert "this link will stop working" in asking
    response = client.post(reverse("privacy:ask-erasure", args=[token]), follow=True)
    again = client.post(reverse("privacy:ask-erasure", args=[token]), follow=True)

    assert "Your request for erasure is sent" in visible_text(response)
    assert "already asked for erasure" in visible_text(again)
    request = ErasureRequest.objects.get()
    assert request.status == ErasureRequest.Status.OPEN

    # The ISU sees it in the admin and erases.
    client.force_login(isu_user)
    listing = client.get(reverse("admin:privacy_erasurerequest_changelist"))
    assert "Quennevey" in visible_text(listing)
    done = client.post(
        reverse("admin:privacy_erasurerequest_changelist"),
        {"action": "erase", "_selected_action": [request.pk]},
        follow=True,
    )

    assert "1 person's personal data erased" in visible_text(done)
    delegate.refresh_from_db()
    assert (delegate.given_name, delegate.family_name) == ("Anonymised", f"#{delegate.pk}")
    assert delegate.email == f"delegate-{delegate.pk}@anonymised.invalid"
    assert ErasureRequest.objects.get().status == ErasureRequest.Status.DONE
    assert ErasureRequest.objects.get().handled_by == isu_user
    assert figures(open_registration) == before
    other.refresh_from_db()
    assert other.family_name == "Diallo2"
    client.logout()
    assert client.get(links.path(Delegate, token)).status_code == 404


def test_the_isu_erases_a_person_from_the_delegates_list(client, open_registration, isu_user):
    delegate, _ = register(open_registration, family_name="Quennevey")
    client.force_login(isu_user)

    response = client.post(
        reverse("admin:registration_delegate_changelist"),
        {"action": "erase_personal_data", "_selected_action": [delegate.pk]},
        follow=True,
    )

    assert "1 person's personal data erased" in visible_text(response)
    assert not Delegate.objects.filter(family_name="Quennevey").exists()
    history = client.get(reverse("admin:registration_delegate_change", args=[delegate.pk]))
    text = visible_text(history)
    assert "isu changed personal data : held → anonymised" in text
    assert "isu" in text and "Quennevey" not in text


def test_the_presidents_office_cannot_erase(client, open_registration, office_user):
    delegate, _ = register(open_registration)
    client.force_login(office_user)

    page = client.get(reverse("admin:registration_delegate_changelist"))

    assert page.status_code == 200
    assert "erase_personal_data" not in page.content.decode()
