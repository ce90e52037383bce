"""The chair's console: each action one service call, in the order of the room, timed,
recorded; two consoles never corrupt the order; the live page follows, from the cache."""

import json

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext

from floor.models import Statement
from registration.models import InterventionRequest
from room import live, services
from room.models import ConsoleAction, Room, Turn
from tests.helpers import visible_text

pytestmark = pytest.mark.django_db


def names(item):
    return [
        (turn.delegation.name, turn.kind, turn.status)
        for turn in Turn.objects.filter(agenda_item=item).order_by("position")
    ]


def version(meeting):
    return Room.objects.get(meeting=meeting).version


def test_opening_an_item_takes_its_speakers_list_in_order(meeting, lists, chair):
    services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)

    assert names(lists["item"]) == [
        ("France", "speaker", "waiting"),
        ("United States of America", "speaker", "waiting"),
        ("International Committee of the Red Cross", "speaker", "waiting"),
    ]
    action = ConsoleAction.objects.get()
    assert (action.action, action.by, action.agenda_item) == ("item_open", chair, lists["item"])


def test_next_gives_the_floor_in_turn_and_ticks_spoke_with_its_statements(
    meeting, lists, chair, clock_at, settings, tmp_path
):
    settings.MEDIA_ROOT = tmp_path
    statement = Statement.objects.create(
        delegation=lists["FRA"],
        agenda_item=lists["item"],
        kind="statement",
        language="fr",
        file="statements/x.pdf",
        file_type="pdf",
        size=1,
        original_name="x.pdf",
        reflects_gender_and_diversity=False,
        includes_disaggregated_data=False,
        uploaded_at=lists["item"].session.starts_at,
    )
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)
    room = services.floor_next(meeting=meeting, by=chair, version=room.version)
    assert room.turn.delegation == lists["FRA"]
    assert room.turn.status == "speaking" or Turn.objects.get(pk=room.turn_id).started_at

    room = services.floor_next(meeting=meeting, by=chair, version=room.version)

    assert Turn.objects.get(pk=room.turn_id).delegation == lists["USA"]
    assert names(lists["item"])[0] == ("France", "speaker", "spoke")
    assert InterventionRequest.objects.get(delegation=lists["FRA"]).spoke is True
    statement.refresh_from_db()
    assert statement.delivered_at is not None


def test_absent_goes_to_the_end_struck_is_skipped(meeting, lists, chair):
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)
    france, usa, icrc = Turn.objects.filter(agenda_item=lists["item"]).order_by("position")
    room = services.turn_absent(meeting=meeting, turn_pk=france.pk, by=chair, version=room.version)
    room = services.turn_strike(meeting=meeting, turn_pk=usa.pk, by=chair, version=room.version)
    room = services.floor_next(meeting=meeting, by=chair, version=room.version)

    assert Turn.objects.get(pk=room.turn_id) == icrc
    assert names(lists["item"]) == [
        ("United States of America", "speaker", "struck"),
        ("International Committee of the Red Cross", "speaker", "speaking"),
        ("France", "speaker", "waiting"),
    ]


def test_a_point_of_order_comes_next_and_a_reply_at_the_end(meeting, lists, chair):
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)
    room = services.floor_next(meeting=meeting, by=chair, version=room.version)
    room = services.turn_insert(
        meeting=meeting, delegation=lists["DEU"], kind="reply", by=chair, version=room.version
    )
    room = services.turn_insert(
        meeting=meeting,
        delegation=lists["DEU"],
        kind="point_of_order",
        by=chair,
        version=room.version,
    )

    assert names(lists["item"]) == [
        ("France", "speaker", "speaking"),
        ("Germany", "point_of_order", "waiting"),
        ("United States of America", "speaker", "waiting"),
        ("International Committee of the Red Cross", "speaker", "waiting"),
        ("Germany", "reply", "waiting"),
    ]


def test_a_console_that_saw_an_old_list_is_refused_and_nothing_changes(meeting, lists, chair):
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)
    seen = room.version
    services.floor_next(meeting=meeting, by=chair, version=seen)  # the first console
    before = names(lists["item"])

    with pytest.raises(services.ConsoleRefused, match="changed on another console"):
        services.floor_next(meeting=meeting, by=chair, version=seen)  # the second

    assert names(lists["item"]) == before
    assert version(meeting) == seen + 1


def test_closing_the_item_ends_the_speaker_and_the_live_page_says_so(meeting, lists, chair, client):
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)
    room = services.floor_next(meeting=meeting, by=chair, version=room.version)
    services.item_close(meeting=meeting, by=chair, version=room.version)

    assert names(lists["item"])[0] == ("France", "speaker", "spoke")
    page = client.get("/en/live/")
    assert "No item is under way." in visible_text(page)


def test_the_console_is_staff_only_and_its_buttons_post_actions(
    meeting, lists, chair, client, office_user
):
    client.force_login(office_user)
    assert client.get("/staff/room/console/").status_code == 403
    client.force_login(chair)
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)

    response = client.post(
        "/staff/room/console/act", {"action": "next", "version": room.version}, follow=True
    )

    text = visible_text(response)
    assert "Has the floor France (Amina1 Diallo1)" in text
    assert "Give the floor" in text
    # An old version: refused, with the list shown as it stands.
    response = client.post(
        "/staff/room/console/act", {"action": "next", "version": room.version}, follow=True
    )
    assert "The list changed on another console" in visible_text(response)
    assert names(lists["item"])[0][2] == "speaking"


def test_the_console_body_answers_204_while_nothing_changed(
    meeting, lists, chair, client, django_capture_on_commit_callbacks
):
    client.force_login(chair)
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)
    assert client.get(f"/staff/room/console/body?v={room.version}").status_code == 204
    with django_capture_on_commit_callbacks(execute=True):
        services.floor_next(meeting=meeting, by=chair, version=room.version)
    fresh = client.get(f"/staff/room/console/body?v={room.version}")
    assert fresh.status_code == 200
    assert f'data-version="{room.version + 1}"' in fresh.content.decode()


def test_the_live_state_names_the_speaker_and_the_next_in_the_page_language(
    meeting, lists, chair, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        room = services.item_open(
            meeting=meeting, agenda_item=lists["item"], by=chair, version=None
        )
        services.floor_next(meeting=meeting, by=chair, version=room.version)

    state = json.loads(client.get("/fr/live/state.json").content)

    assert state["speaker"]["delegation"] == "France"
    assert state["speaker"]["speaker"] == "Amina1 Diallo1"
    assert state["speaker"]["seconds"] == 300
    assert [p["delegation"] for p in state["next"]] == [
        "États-Unis d'Amérique",
        "Comité international de la Croix-Rouge",
    ]
    assert state["item"].startswith("3.")


def test_a_poll_with_the_current_etag_is_answered_304_without_a_query(
    meeting, lists, chair, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)
    first = client.get("/en/live/state.json")
    etag = first["ETag"]

    with CaptureQueriesContext(connection) as queries:
        again = client.get("/en/live/state.json", HTTP_IF_NONE_MATCH=etag)

    assert again.status_code == 304
    assert len(queries) == 0


def test_a_new_version_is_seen_by_the_next_poll(
    meeting, lists, chair, client, django_capture_on_commit_callbacks
):
    with django_capture_on_commit_callbacks(execute=True):
        room = services.item_open(
            meeting=meeting, agenda_item=lists["item"], by=chair, version=None
        )
    etag = client.get("/en/live/state.json")["ETag"]
    with django_capture_on_commit_callbacks(execute=True):
        services.floor_next(meeting=meeting, by=chair, version=room.version)

    response = client.get("/en/live/state.json", HTTP_IF_NONE_MATCH=etag)

    assert response.status_code == 200
    assert json.loads(response.content)["speaker"]["delegation"] == "France"


def test_a_name_is_shown_only_with_consent(meeting, lists, chair, client):
    speaker = InterventionRequest.objects.get(delegation=lists["FRA"]).speaker
    speaker.public_list_consent = False
    speaker.save()
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)
    services.floor_next(meeting=meeting, by=chair, version=room.version)
    live.publish(meeting.pk, version(meeting), lists["item"].pk)

    page = visible_text(client.get("/en/live/"))

    assert "France" in page
    assert "Amina1" not in page
    assert "Diallo2" in page  # the United States' speaker agreed


def test_the_live_page_refreshes_itself_without_javascript(meeting, client):
    html = client.get("/ar/live/").content.decode()
    assert '<noscript><meta http-equiv="refresh" content="10"></noscript>' in html
    assert "/static/js/live" in html


def test_the_delegation_page_counts_the_places(meeting, lists, chair, client, clock_at):
    from registration import links
    from registration.models import Delegate

    germany_reply = lists["DEU"]
    delegate = Delegate.objects.get(delegation=lists["ICRC"])
    token = links.issue_token(delegate)
    delegate.save()
    room = services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)
    room = services.floor_next(meeting=meeting, by=chair, version=room.version)
    services.turn_insert(
        meeting=meeting,
        delegation=germany_reply,
        kind="point_of_order",
        by=chair,
        version=room.version,
    )

    text = visible_text(client.get(f"/en/registration/{token}/"))

    assert "Your delegation is number 3 on the list after the current speaker." in text


def test_the_console_speaks_the_browsers_language(meeting, lists, chair, client):
    client.force_login(chair)
    services.item_open(meeting=meeting, agenda_item=lists["item"], by=chair, version=None)

    text = visible_text(client.get("/staff/room/console/", HTTP_ACCEPT_LANGUAGE="fr"))

    assert "Console de la présidence" in text
    assert "Orateur suivant" in text
    assert "Donner la parole" in text


def test_the_room_screen_is_in_the_pages_language_in_large_type(meeting, client):
    html = client.get("/ru/live/screen/").content.decode()
    assert '<body class="screen-body">' in html
    assert "Никто не выступает." in html
