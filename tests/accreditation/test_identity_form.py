"""The identity details form judges what a person typed, in their language, and keeps
it; the service stores it once per delegate and audits which fields changed, never
their values."""

import datetime

import pytest
from auditlog.models import LogEntry
from django.utils import translation

from accreditation import services
from accreditation.forms import IdentityDetailsForm
from accreditation.models import IdentityDetails
from tests.helpers import register

pytestmark = pytest.mark.django_db


def typed(**overrides) -> dict:
    return {
        "name_in_document": "DUPONT  Marie Claire",
        "nationality": "FRA",
        "date_of_birth": "1980-04-16",
        "document_type": "passport",
        "document_number": "18ab 34567",
        "document_expires_on": "2027-01-31",
        **overrides,
    }


def test_a_valid_form_gives_clean_values(open_registration):
    form = IdentityDetailsForm(typed())

    assert form.is_valid(), form.errors
    assert form.cleaned_data["nationality"].alpha3 == "FRA"
    assert form.cleaned_data["name_in_document"] == "DUPONT Marie Claire"
    assert form.cleaned_data["document_number"] == "18AB34567"


@pytest.mark.parametrize(
    ("field", "value", "message"),
    [
        ("date_of_birth", "2019-01-01", "The date of birth must be in the past."),
        ("date_of_birth", "2005-06-01", "A participant must be at least 18 years old."),
        ("document_expires_on", "2018-05-01", "This document has expired"),
        ("document_number", "18-AB/34", "A document number has only letters and digits."),
    ],
)
def test_bad_dates_and_numbers_are_refused_with_a_clear_message(
    open_registration, field, value, message
):
    form = IdentityDetailsForm(typed(**{field: value}))

    assert not form.is_valid()
    assert message in " ".join(form.errors[field])


def test_errors_are_in_the_pages_language_and_the_typing_is_kept(open_registration):
    with translation.override("fr"):
        form = IdentityDetailsForm(typed(document_expires_on="2018-05-01"))
        html = form.as_div()
        assert not form.is_valid()
        assert "Ce document a expiré" in " ".join(form.errors["document_expires_on"])
    assert 'value="DUPONT  Marie Claire"' in html
    assert 'value="2018-05-01"' in html


def test_a_minor_turning_eighteen_tomorrow_is_refused_today(open_registration):
    # The clock of open_registration: 30 May 2018.
    assert not IdentityDetailsForm(typed(date_of_birth="2000-05-31")).is_valid()
    assert IdentityDetailsForm(typed(date_of_birth="2000-05-30")).is_valid()


def test_give_creates_then_updates_one_row_and_audits_without_values(open_registration):
    delegate, _ = register(open_registration)
    form = IdentityDetailsForm(typed())
    assert form.is_valid()

    services.give_identity_details(delegate=delegate, data=form.cleaned_data)
    services.give_identity_details(
        delegate=delegate, data={**form.cleaned_data, "document_number": "99XY12345"}
    )

    details = services.identity_details_of(delegate)
    assert IdentityDetails.objects.filter(delegate=delegate).count() == 1
    assert (details.nationality, details.document_number) == ("FRA", "99XY12345")
    assert details.date_of_birth == datetime.date(1980, 4, 16)
    entries = LogEntry.objects.get_for_object(details).order_by("pk")
    assert [e.action for e in entries] == [LogEntry.Action.CREATE, LogEntry.Action.UPDATE]
    assert list(entries[1].changes) == ["document_number"]
    logged = " ".join(str(e.changes) + e.object_repr for e in entries)
    for secret in ["18AB34567", "99XY12345", "1980", "DUPONT", delegate.family_name]:
        assert secret not in logged


def test_giving_the_same_details_again_writes_nothing(open_registration):
    delegate, _ = register(open_registration)
    form = IdentityDetailsForm(typed())
    assert form.is_valid()
    services.give_identity_details(delegate=delegate, data=form.cleaned_data)

    services.give_identity_details(delegate=delegate, data=form.cleaned_data)

    details = services.identity_details_of(delegate)
    assert LogEntry.objects.get_for_object(details).count() == 1


def test_the_form_opens_filled_with_the_details_given(open_registration):
    delegate, _ = register(open_registration)
    form = IdentityDetailsForm(typed())
    assert form.is_valid()
    details = services.give_identity_details(delegate=delegate, data=form.cleaned_data)

    html = IdentityDetailsForm(details=details).as_div()

    assert 'value="18AB34567"' in html
    assert 'value="FRA" selected' in html
    assert 'value="1980-04-16"' in html
