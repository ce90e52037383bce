import re
from datetime import date, time, timedelta

import pytest
from django.urls import reverse

from programme.models import AgendaItem, Committee, Session
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


def test_programme_shows_each_day_with_geneva_times_committees_and_rooms(client, meeting):
    text = visible_text(client.get(reverse("programme:programme")))

    assert "All times are Geneva time (UTC+2)." in text
    for day in ["Wednesday 6 June 2018", "Thursday 7 June 2018", "Friday 8 June 2018"]:
        assert day in text
    assert text.index("Wednesday 6 June 2018") < text.index("Thursday 7 June 2018")
    assert text.index("Thursday 7 June 2018") < text.index("Friday 8 June 2018")
    # Stored as the Geneva wall clock and shown as it: not 08:00, the UTC hour.
    assert "10:00 – 13:00 Opening and victim assistance" in text
    assert "15:00 – 18:00 The Committees' work" in text
    assert "08:00" not in text
    assert "Room: Main conference room" in text
    assert "Room: Bilateral meeting rooms" in text
    assert "by invitation only" in text
    assert (
        "1. Opening of the intersessional meetings by the President of the Seventeenth "
        "Meeting of the States Parties and the Director of the GICHD"
    ) in text
    assert "2. Victim assistance Led by the Committee on Victim Assistance" in text
    assert "3. Article 5 implementation, with the presentation of requests for extension" in text
    assert "Led by the Committee on Article 5 Implementation" in text
    assert "4. Cooperative compliance Led by the Committee on Cooperative Compliance" in text
    assert "Led by the Committee on the Enhancement of Cooperation and Assistance" in text
    assert "6. Thematic discussion on the implementation of Article 5" in text
    assert "7. Stockpile destruction (Article 4)" in text
    assert "10. Implementation support, including the finances of the Implementation" in text
    assert "11. Closing of the intersessional meetings" in text
    # The items of 8 June come after the thematic discussion, in their order.
    assert text.index("6. Thematic") < text.index("7. Stockpile") < text.index("11. Closing")


def test_programme_says_where_delegations_may_ask_for_the_floor(client, meeting):
    text = visible_text(client.get(reverse("programme:programme")))

    assert "2. Victim assistance Led by the Committee on Victim Assistance Delegations may ask" in (
        text
    )
    # Not on the opening or the closing.
    assert "Director of the GICHD Delegations may ask" not in text
    assert "11. Closing of the intersessional meetings Delegations may ask" not in text


def test_programme_shows_a_staff_edit_in_geneva_time(client, meeting):
    session = Session.objects.get(date=date(2018, 6, 8), start_time=time(15))
    session.start_time, session.end_time, session.room = time(14, 30), time(18, 15), "Salle 2"
    session.save()

    text = visible_text(client.get(reverse("programme:programme")))

    assert "14:30 – 18:15 Other matters" in text
    assert "Room: Salle 2" in text


def test_programme_links_the_meeting_and_each_session_calendar(client, meeting):
    html = client.get(reverse("programme:programme")).content.decode()

    assert f'href="{reverse("programme:meeting-calendar")}"' in html
    for session in Session.objects.all():
        assert f'href="{reverse("programme:session-calendar", args=[session.pk])}"' in html


def test_programme_is_linked_from_the_menu_and_the_home_page(client, meeting):
    html = client.get(reverse("programme:home")).content.decode()

    assert html.count(f'href="{reverse("programme:programme")}"') == 2


def test_programme_has_no_inline_script_or_style(client, meeting):
    html = client.get(reverse("programme:programme")).content.decode()

    assert not re.search(r"<script(?![^>]*\bsrc=)[^>]*>", html)
    assert "<style" not in html
    assert " style=" not in html


def test_programme_without_sessions_says_it_is_to_come(client, meeting):
    Session.objects.all().delete()

    text = visible_text(client.get(reverse("programme:programme")))

    assert "The programme will be published here." in text
    assert "Add the whole meeting" not in text


def test_programme_without_a_meeting_is_not_found(client, db):
    from programme.models import Meeting

    Meeting.objects.all().delete()  # loaded for the session (tests/conftest.py)

    response = client.get(reverse("programme:programme"))

    assert response.status_code == 404
    assert "No meeting has been set up yet." in response.content.decode()


def test_programme_refuses_a_post(client, meeting):
    assert client.post(reverse("programme:programme")).status_code == 405


def make_programme(meeting, sessions: int) -> None:
    Session.objects.filter(meeting=meeting).delete()
    committees = list(Committee.objects.all())
    for n in range(sessions):
        session = Session.objects.create(
            meeting=meeting,
            date=meeting.starts_on + timedelta(days=n // 2),
            start_time=time(10) if n % 2 == 0 else time(15),
            end_time=time(13) if n % 2 == 0 else time(18),
            room=f"Room {n}",
            title=f"Session {n}",
        )
        AgendaItem.objects.create(
            session=session, number=2 * n + 1, title=f"Item {2 * n + 1}", committee=None
        )
        AgendaItem.objects.create(
            session=session,
            number=2 * n + 2,
            title=f"Item {2 * n + 2}",
            committee=committees[n % len(committees)],
        )


@pytest.mark.parametrize("sessions", [2, 20])
def test_programme_runs_a_fixed_number_of_queries(
    client, meeting, sessions, django_assert_num_queries, django_assert_max_num_queries
):
    make_programme(meeting, sessions)

    # The meeting, the sessions, their items with Committees, the confirmed obligations.
    with django_assert_max_num_queries(4):
        response = client.get(reverse("programme:programme"))
    # The whole page is kept for the minute (intersessional/pagecache.py): no query.
    with django_assert_num_queries(0):
        again = client.get(reverse("programme:programme"))

    assert visible_text(response).count("Led by the Committee") == sessions
    assert again.content == response.content


def test_programme_shows_a_staff_edit_within_a_minute(client, meeting, monkeypatch):
    import time as wall_clock

    client.get(reverse("programme:programme"))
    session = Session.objects.get(date=date(2018, 6, 8), start_time=time(15))
    session.room = "Salle 2"
    session.save()

    # Within the minute the cached programme is served; a minute later the edit shows.
    assert "Room: Salle 2" not in visible_text(client.get(reverse("programme:programme")))
    later = wall_clock.time() + 61
    monkeypatch.setattr(wall_clock, "time", lambda: later)
    assert "Room: Salle 2" in visible_text(client.get(reverse("programme:programme")))


@pytest.mark.parametrize("sessions", [2, 20])
def test_meeting_calendar_runs_a_fixed_number_of_queries(
    client, meeting, sessions, django_assert_max_num_queries
):
    make_programme(meeting, sessions)

    with django_assert_max_num_queries(3):
        response = client.get(reverse("programme:meeting-calendar"))

    assert response.content.count(b"BEGIN:VEVENT") == sessions


def test_programme_loads_idempotently_and_keeps_staff_edits(db):
    from programme.reference import load_meeting_2018

    meeting = load_meeting_2018()
    session = Session.objects.get(date=date(2018, 6, 7), start_time=time(10))
    session.start_time = time(9, 30)
    session.save()
    load_meeting_2018()

    assert Session.objects.filter(meeting=meeting).count() == 6
    assert AgendaItem.objects.filter(session__meeting=meeting).count() == 11
    session.refresh_from_db()
    assert session.start_time == time(9, 30)
    assert sorted(AgendaItem.objects.values_list("number", flat=True)) == list(range(1, 12))
    assert set(Session.objects.values_list("date", flat=True)) == {
        date(2018, 6, 6),
        date(2018, 6, 7),
        date(2018, 6, 8),
    }
    assert set(
        Session.objects.filter(kind=Session.Kind.BILATERAL).values_list("date", flat=True)
    ) == {date(2018, 6, 6)}


def test_each_committee_leads_an_item_of_the_2018_programme(meeting):
    leading = set(
        AgendaItem.objects.exclude(committee=None).values_list("committee__slug", flat=True)
    )

    assert leading == set(Committee.objects.values_list("slug", flat=True))
