"""What the sponsorship tests share: a meeting's programme and applicants who applied
through the service, as the form does."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from sponsorship import services
from sponsorship.models import Programme
from tests.conftest import geneva
from tests.helpers import document, register

# Applications close a fortnight before registration (31 May).
SPONSORSHIP_DEADLINE = geneva(2018, 5, 15, 23, 59)
BEFORE_SPONSORSHIP_DEADLINE = geneva(2018, 5, 10, 12, 0)


def make_programme(meeting, **overrides) -> Programme:
    fields = {
        "applications_open": True,
        "deadline": SPONSORSHIP_DEADLINE,
        "budget_chf": Decimal("30000"),
        "daily_allowance_chf": Decimal("200"),
        "ticket_estimate_chf": Decimal("1400"),
        "nights": 3,
        "offers_per_state": 2,
    }
    fields.update(overrides)
    return Programme.objects.create(meeting=meeting, **fields)


def identity_data(**overrides) -> dict:
    data = {
        "name_in_document": "DIALLO AMINA",
        "nationality": "AGO",
        "date_of_birth": date(1980, 3, 14),
        "document_type": "passport",
        "document_number": "N1234567",
        "document_expires_on": date(2022, 1, 31),
    }
    data.update(overrides)
    return data


def letter_upload(name="nomination.pdf") -> SimpleUploadedFile:
    return SimpleUploadedFile(name, document("pdf"), content_type="application/pdf")


def application_data(**overrides) -> dict:
    data = {
        "implementation_role": "Head of operations, national mine action centre",
        "departure_city": "Luanda",
        "needs_schengen_visa": True,
        "obligation": None,
        "nomination": letter_upload(),
        "nomination_type": "pdf",
        "nomination_name": "nomination.pdf",
    }
    data.update(overrides)
    return data


def apply(programme, *, state="AGO", n=1, gender="woman", identity=None, **overrides):
    """A delegate of `state` registers and applies. Returns (application, token)."""
    delegate, _token = register(
        programme.meeting, state=state, n=n, gender=gender, email=f"d{n}-{state}@gov.example"
    )
    return services.application_submit(
        programme=programme,
        delegate=delegate,
        data=application_data(**overrides),
        identity=identity or identity_data(nationality=state),
    )


@pytest.fixture
def programme(open_registration, clock_at):
    clock_at(BEFORE_SPONSORSHIP_DEADLINE)
    return make_programme(open_registration)


@pytest.fixture
def committee_user(roles):
    from tests.helpers import staff_user

    return staff_user("committee", "Sponsorship committee")


@pytest.fixture
def travel_user(roles):
    from tests.helpers import staff_user

    return staff_user("travel", "Travel administrator")
