"""Applying through the private link: what is stored, and each bad input refused beside
its field, in the page's language, with what was typed kept."""

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from accreditation.models import IdentityDetails
from outbox.models import Notification
from sponsorship.models import Application
from tests.conftest import geneva
from tests.helpers import document, not_a_document, register, visible_text

from .conftest import apply

pytestmark = pytest.mark.django_db


def form_data(**overrides) -> dict:
    data = {
        "implementation_role": "Chef des opérations, centre national de déminage",
        "departure_city": "N'Djamena",
        "needs_schengen_visa": "on",
        "name_in_document": "MAHAMAT ACHTA",
        "nationality": "TCD",
        "date_of_birth": "1979-04-02",
        "document_number": "TD998877",
        "document_expires_on": "2021-06-30",
        "nomination": SimpleUploadedFile(
            "Note verbale.pdf", document("pdf"), content_type="application/pdf"
        ),
    }
    data.update(overrides)
    return data


@pytest.fixture
def chad_delegate(programme):
    return register(programme.meeting, state="TCD", email="achta@gov.example", language="fr")


def url(token, language="fr"):
    return f"/{language}/registration/{token}/sponsorship/"


def test_a_delegate_applies_in_french_and_gets_the_link_by_e_mail(client, chad_delegate):
    delegate, token = chad_delegate

    response = client.post(url(token), form_data())

    application = Application.objects.get(delegate=delegate)
    assert response.status_code == 302
    assert response["Location"].startswith("/fr/sponsorship/")
    assert application.departure_city == "N'Djamena"
    assert application.needs_schengen_visa
    assert application.nomination_type == "pdf"
    assert application.nomination_name == "Note verbale.pdf"
    assert application.nomination.read() == document("pdf")
    # The identity details, given once, are accreditation's row (encrypted at rest).
    identity = IdentityDetails.objects.get(delegate=delegate)
    assert identity.document_number == "TD998877"
    mail = Notification.objects.get(kind="sponsorship_received")
    assert mail.to_email == "achta@gov.example"
    assert "/fr/sponsorship/" in mail.body_text


def test_the_private_link_page_offers_to_apply(client, chad_delegate):
    _delegate, token = chad_delegate

    response = client.get(f"/en/registration/{token}/")

    assert "Apply for sponsorship" in visible_text(response)


@pytest.mark.parametrize(
    ("field", "value", "error"),
    [
        ("document_expires_on", "2018-08-31", "three months after the meeting"),
        ("date_of_birth", "2002-01-01", "at least 18 years old"),
    ],
)
def test_a_bad_identity_detail_is_refused_beside_its_field_and_keeps_what_was_typed(
    client, chad_delegate, field, value, error
):
    _delegate, token = chad_delegate

    response = client.post(url(token, "en"), form_data(**{field: value}))

    assert response.status_code == 200
    assert error in response.context["form"].errors[field][0]
    text = response.content.decode()
    assert "Chef des opérations, centre national de déminage" in text
    assert 'value="TD998877"' in text
    assert f'value="{value}"' in text
    assert not Application.objects.exists()


def test_a_nomination_letter_that_is_not_a_document_is_refused(client, chad_delegate):
    _delegate, token = chad_delegate
    upload = SimpleUploadedFile("letter.pdf", not_a_document("exe"))

    response = client.post(url(token, "en"), form_data(nomination=upload))

    assert "its content was checked" in response.context["form"].errors["nomination"][0]
    assert 'value="MAHAMAT ACHTA"' in response.content.decode()


def test_a_second_application_for_the_same_person_is_refused(client, chad_delegate):
    delegate, token = chad_delegate
    client.post(url(token), form_data())

    response = client.post(url(token, "en"), form_data())

    assert "already applied" in visible_text(response)
    assert Application.objects.filter(delegate=delegate).count() == 1


def test_an_application_after_the_deadline_is_refused_and_keeps_what_was_typed(
    client, chad_delegate, clock_at
):
    _delegate, token = chad_delegate
    clock_at(geneva(2018, 5, 20, 9))

    response = client.post(url(token, "en"), form_data())

    assert "Applications for sponsorship are closed." in visible_text(response)
    assert 'value="TD998877"' in response.content.decode()
    assert not Application.objects.exists()


def test_a_delegate_of_a_state_not_party_may_not_apply_by_default(client, programme):
    _delegate, token = register(programme.meeting, state="USA", email="us@gov.example")

    response = client.post(url(token, "en"), form_data())

    assert "Only delegates of States Parties may apply" in visible_text(response)
    assert not Application.objects.exists()


def test_an_error_is_in_the_pages_language(client, chad_delegate):
    _delegate, token = chad_delegate

    response = client.post(url(token, "fr"), form_data(document_expires_on="2018-07-01"))

    assert "trois mois" in response.context["form"].errors["document_expires_on"][0]


def test_one_delegate_cannot_open_anothers_application(client, programme):
    _first, first_token = apply(programme, state="AGO", n=1)

    response = client.get(f"/en/sponsorship/{first_token[:-2]}xx/")

    assert response.status_code == 404


def test_a_person_named_in_the_delegations_nomination_needs_no_letter_of_their_own(
    client, chad_delegate
):
    from accreditation.services import nomination_upload

    delegate, token = chad_delegate
    nomination_upload(
        delegation=delegate.delegation,
        upload=SimpleUploadedFile("nv.pdf", document("pdf")),
        members=[delegate],
    )
    data = form_data()
    del data["nomination"]

    response = client.post(url(token, "en"), data)

    assert response.status_code == 302
    application = Application.objects.get(delegate=delegate)
    assert not application.nomination


def test_the_focal_point_applies_for_a_member_with_a_priority(client, programme):
    from tests.helpers import person, register_delegation

    delegation, token = register_delegation(
        programme.meeting,
        state="SEN",
        members=[person(1, role="head"), person(2, email="second@gov.example")],
        email="focal@sen.example",
    )
    member = delegation.delegates.get(email="second@gov.example")
    page = visible_text(client.get(f"/en/delegation/{token}/"))
    assert "Amina2 Diallo2: Apply for sponsorship" in page

    response = client.post(
        f"/en/delegation/{token}/sponsorship/{member.pk}/",
        form_data(priority="1", nationality="SEN"),
    )

    assert response.status_code == 302
    application = Application.objects.get(delegate=member)
    assert application.priority == 1
    mail = Notification.objects.get(kind="sponsorship_received")
    assert mail.to_email == "second@gov.example"


def test_a_focal_point_cannot_apply_for_another_delegations_member(client, programme):
    from tests.helpers import person, register_delegation

    _delegation, token = register_delegation(
        programme.meeting, state="SEN", members=[person(1, role="head")], email="f@sen.example"
    )
    other, _ = register(programme.meeting, state="TCD", email="other@gov.example")

    response = client.get(f"/en/delegation/{token}/sponsorship/{other.pk}/")

    assert response.status_code == 404
