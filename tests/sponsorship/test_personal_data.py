"""Passports, birth dates and nomination letters go SPONSORSHIP_PERSONAL_DATA_DAYS (30)
after the meeting, well before the rest; the report's figures stay the same. At the
full retention the applications' texts go too (privacy/parts.py)."""

import pytest
from django.conf import settings

from accreditation.models import IdentityDetails
from privacy import services as privacy_services
from sponsorship import beat, queries, services
from sponsorship.models import Application
from tests.conftest import geneva

from .conftest import apply

pytestmark = pytest.mark.django_db


def files_under(media):
    return sorted(p.name for p in media.rglob("*") if p.is_file())


def test_the_delay_is_a_setting_of_thirty_days_and_beat_runs_it():
    assert settings.SPONSORSHIP_PERSONAL_DATA_DAYS == 30
    assert settings.CELERY_BEAT_SCHEDULE["sponsorship-daily"]["task"] == "sponsorship.daily"


def test_thirty_days_after_the_meeting_no_passport_birth_date_or_letter_is_left(
    story, clock_at, media, django_capture_on_commit_callbacks
):
    programme = story
    before = queries.report(programme)
    letters = [a.nomination.name.rsplit("/", 1)[-1] for a in Application.objects.all()]
    assert set(letters) <= set(files_under(media))
    assert IdentityDetails.objects.count() == 3

    clock_at(geneva(2018, 7, 8, 12))  # 30 days after 8 June: not yet
    beat.daily()
    assert IdentityDetails.objects.count() == 3

    clock_at(geneva(2018, 7, 9, 12))
    with django_capture_on_commit_callbacks(execute=True):
        beat.daily()

    assert not IdentityDetails.objects.exists()
    assert not Application.objects.exclude(nomination="").exists()
    assert not set(letters) & set(files_under(media))
    after = queries.report(programme)
    assert after.totals == before.totals == [3, 3, 2, 2, 2, 1]
    assert [t.rows for t in after.tables] == [t.rows for t in before.tables]
    assert after.spent == before.spent


def test_a_second_run_changes_nothing(story, clock_at):
    clock_at(geneva(2018, 7, 20, 12))
    assert services.personal_data_apply()

    assert services.personal_data_apply() == []


def test_at_the_full_retention_the_texts_go_and_the_report_stays(story, clock_at):
    programme = story
    before = queries.report(programme)

    privacy_services.meeting_anonymise(meeting=programme.meeting)

    assert not Application.objects.exclude(implementation_role="").exists()
    assert not Application.objects.exclude(departure_city="").exists()
    after = queries.report(programme)
    assert after.totals == before.totals
    assert [t.rows for t in after.tables] == [t.rows for t in before.tables]


def test_a_person_gets_their_application_in_their_own_copy(programme):
    application, _ = apply(programme)

    data = privacy_services.personal_data(delegate=application.delegate)

    assert data["sponsorship"]["application"]["departure_city"] == "Luanda"
