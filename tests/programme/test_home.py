import re

import pytest
from django.urls import reverse

from tests.conftest import geneva
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


def test_home_shows_the_meetings_facts(client, meeting, clock_at):
    clock_at(geneva(2018, 5, 30, 12, 0))

    text = visible_text(client.get(reverse("programme:home")))

    assert "2018 Intersessional Meetings" in text
    assert "7–8 June 2018" in text
    assert "World Meteorological Organization Building, Avenue de la Paix 7bis, Geneva" in text
    assert "H.E. Suraya Dalil, President of the Seventeenth Meeting of the States Parties" in text
    assert "States not party to the Convention" in text
    assert "Interested non-governmental organisations" in text
    assert "On Wednesday 6 June 2018" in text and "by invitation" in text
    assert "thematic discussion on the Implementation of Article 5 of the Convention" in text
    assert "gender balance" in text and "age- and sex-disaggregated data" in text
    assert "isu@apminebanconvention.org" in text
    for committee in [
        "Committee on Article 5 Implementation",
        "Committee on Victim Assistance",
        "Committee on Cooperative Compliance",
        "Committee on the Enhancement of Cooperation and Assistance",
    ]:
        assert committee in text


def test_home_shows_the_deadline_in_geneva_time_and_time_left(client, meeting, clock_at):
    clock_at(geneva(2018, 5, 30, 12, 0))

    text = visible_text(client.get(reverse("programme:home")))

    # 23:59 in Geneva is 21:59 UTC: the page must show the Geneva wall clock.
    assert "Register online by Thursday 31 May 2018, 23:59 Geneva time." in text
    assert "1 day, 11 hours left to register." in text


def test_home_shows_registration_open_in_the_deadlines_last_second(client, meeting, clock_at):
    clock_at(geneva(2018, 5, 31, 23, 59, 59))

    text = visible_text(client.get(reverse("programme:home")))

    assert "Register online by" in text
    assert "Registration closed" not in text


def test_home_shows_registration_closed_after_the_deadline(client, meeting, clock_at):
    clock_at(geneva(2018, 6, 1, 0, 0, 0))

    text = visible_text(client.get(reverse("programme:home")))

    assert "Registration closed on Thursday 31 May 2018, 23:59 Geneva time." in text
    assert "left to register" not in text
    assert "write to the Implementation Support Unit at isu@apminebanconvention.org" in text


def test_home_shows_the_demo_banner_only_when_the_clock_is_set(client, meeting, clock_at, settings):
    settings.INTERSESSIONAL_NOW = None
    assert "Demonstration." not in visible_text(client.get(reverse("programme:home")))

    clock_at(geneva(2018, 5, 30, 12, 0))
    text = visible_text(client.get(reverse("programme:home")))
    assert "The site's clock is set to Wednesday 30 May 2018, 12:00 (Geneva time)." in text


def test_home_has_no_inline_script_or_style_and_sends_a_strict_csp(client, meeting):
    response = client.get(reverse("programme:home"))
    html = response.content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html
    assert " style=" not in html
    csp = response.headers["Content-Security-Policy"]
    assert "script-src 'self'" in csp
    assert "frame-ancestors 'none'" in csp
    assert "unsafe-inline" not in csp


def test_home_runs_a_fixed_number_of_queries(
    client, meeting, django_assert_num_queries, django_assert_max_num_queries
):
    with django_assert_max_num_queries(2):  # the meeting, the Committees
        first = client.get(reverse("programme:home"))
    # The whole page is kept for the minute (intersessional/pagecache.py): no query.
    with django_assert_num_queries(0):
        second = client.get(reverse("programme:home"))

    assert "Committee on Victim Assistance" in visible_text(second)
    assert second.content == first.content


def test_home_cached_time_left_follows_the_clock(client, meeting, clock_at):
    clock_at(geneva(2018, 5, 30, 12, 0))
    assert "1 day, 11 hours left to register." in visible_text(
        client.get(reverse("programme:home"))
    )

    clock_at(geneva(2018, 5, 31, 23, 0))
    assert "59 minutes left to register." in visible_text(client.get(reverse("programme:home")))

    clock_at(geneva(2018, 6, 1, 0, 0))
    text = visible_text(client.get(reverse("programme:home")))
    assert "Registration closed on" in text and "left to register" not in text


def test_home_shows_a_meeting_edit_within_a_minute(client, meeting, clock_at, monkeypatch):
    import time

    clock_at(geneva(2018, 5, 30, 12, 0))
    client.get(reverse("programme:home"))
    meeting.venue_name = "Palais des Nations"
    meeting.save()

    # Within the minute the cached body is served; a minute later the edit shows.
    assert "Palais des Nations" not in visible_text(client.get(reverse("programme:home")))
    later = time.time() + 61
    monkeypatch.setattr(time, "time", lambda: later)
    assert "Palais des Nations" in visible_text(client.get(reverse("programme:home")))


def test_home_without_a_meeting_is_not_found(client, db):
    from programme.models import Meeting

    Meeting.objects.all().delete()  # loaded for the session (tests/conftest.py)

    response = client.get(reverse("programme:home"))

    assert response.status_code == 404
    assert "No meeting has been set up yet." in response.content.decode()


def test_reference_data_loads_idempotently(db):
    from programme.models import Committee, Meeting
    from programme.reference import load_meeting_2018

    load_meeting_2018()
    load_meeting_2018()

    assert Meeting.objects.count() == 1
    assert Committee.objects.count() == 4
    meeting = Meeting.objects.get()
    assert meeting.registration_deadline == geneva(2018, 5, 31, 23, 59, 59)
