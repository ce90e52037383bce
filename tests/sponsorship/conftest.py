"""What the sponsorship tests share: a meeting's programme and applicants who applied
through the service, as the form does."""

from datetime import date
from decimal import Decimal

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile

from checkin.models import Checkin, CheckinList, Method
from sponsorship import services
from sponsorship.models import Programme
from tests.conftest import geneva
from tests.helpers import confirm_obligations, document, register

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
def programme(open_registration, clock_at, media):
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


TRAVEL = {
    "itinerary": "LAD-ADD ET 50, 5 June\nADD-GVA ET 714, 6 June",
    "ticket_cost_chf": Decimal("1250.00"),
    "hotel": "Hôtel Royal, Geneva",
    "nights": 3,
    "allowance_chf": Decimal("600.00"),
}


def accepted(programme, **kwargs):
    application, token = apply(programme, **kwargs)
    application = services.application_decide(
        application=application, decision="offer", reason="r", version=application.version, by=None
    )
    services.offer_answer(application=application, accept=True)
    application.refresh_from_db()
    return application


def issue(application, capture, by=None):
    with capture(execute=True):
        return services.travel_record(application=application, data=TRAVEL, issue=True, by=by)


def came_in(delegate, meeting):
    door, _ = CheckinList.objects.get_or_create(
        meeting=meeting,
        name="Entrance, 7 June",
        defaults={"day": meeting.starts_on, "kind": CheckinList.Kind.values[0]},
    )
    Checkin.objects.create(
        checkin_list=door,
        delegate=delegate,
        at=geneva(2018, 6, 7, 9),
        method=Method.values[0],
        nonce=f"n{delegate.pk}",
    )


@pytest.fixture
def story(programme, django_capture_on_commit_callbacks):
    """Three offered: a woman from Angola comes and speaks on her State's Article 5
    item, a man from Chad comes, a woman from Sri Lanka declines."""
    from reference.load import load_obligations
    from registration.models import InterventionRequest

    load_obligations()
    confirm_obligations("AGO", "TCD", "LKA")
    angola = accepted(programme, state="AGO", n=1, gender="woman")
    chad = accepted(programme, state="TCD", n=2, gender="man")
    lanka, _ = apply(programme, state="LKA", n=3, gender="woman")
    services.application_decide(
        application=lanka, decision="offer", reason="r", version=lanka.version, by=None
    )
    services.offer_answer(application=lanka, accept=False)
    for application in (angola, chad):
        issue(application, django_capture_on_commit_callbacks)
        came_in(application.delegate, programme.meeting)
    article_5 = next(i for i in _items() if i.obligation_kind == "article_5")
    InterventionRequest.objects.create(
        delegation=angola.delegate.delegation,
        agenda_item=article_5,
        speaker=angola.delegate,
        requested_at=geneva(2018, 5, 10, 12),
        spoke=True,
    )
    return programme


def _items():
    from programme.models import AgendaItem

    return AgendaItem.objects.exclude(obligation_kind="").exclude(obligation_kind__isnull=True)
