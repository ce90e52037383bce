"""The door in the test client: what staff see after a scan or a search, what is
stored, and every refusal (forged, superseded, withdrawn, declined, wrong day)."""

from datetime import datetime, timedelta

import pytest
from django.contrib.auth.models import User
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse

from checkin import codes
from checkin.models import Checkin, FailedScan
from documents.badges import signed_badge_id
from floor import services as floor_services
from programme.models import Committee
from registration import services as registration_services
from registration.models import Delegate
from tests.checkin.conftest import MORNING_OF_7_JUNE
from tests.conftest import GENEVA
from tests.helpers import bilateral_slot, visible_text

pytestmark = pytest.mark.django_db


def scan(client, checkin_list, text, *, nonce="nonce-0001", json=False, method="scanner"):
    headers = {"Accept": "application/json"} if json else {}
    return client.post(
        reverse("staff:checkin-scan", args=[checkin_list.pk]),
        {"q": text, "nonce": nonce, "method": method},
        headers=headers,
    )


def test_a_scanned_badge_is_welcomed_with_name_delegation_and_category(
    client, venue_user, day_one, delegates
):
    client.force_login(venue_user)
    amina = delegates[0]

    response = scan(client, day_one, signed_badge_id(amina))

    text = visible_text(response)
    assert "Welcome Amina1 Diallo1 France · State Party" in text
    assert amina.email not in response.content.decode()
    entry = Checkin.objects.get()
    assert (entry.delegate, entry.by, entry.method) == (amina, venue_user, "scanner")
    assert entry.checkin_list == day_one and entry.at.hour == 7  # 09:05 in Geneva, UTC


def test_a_second_scan_says_when_and_by_whom_and_records_nothing(
    client, venue_user, day_one, delegates
):
    client.force_login(venue_user)
    code = signed_badge_id(delegates[0])
    scan(client, day_one, code, nonce="first-scan")

    response = scan(client, day_one, code, nonce="second-scan")

    text = visible_text(response)
    assert "Already checked in" in text
    assert "Already checked in at 09:05 by Door Keeper." in text
    assert Checkin.objects.count() == 1


def test_a_scan_sent_again_with_its_nonce_is_applied_once(client, venue_user, day_one, delegates):
    client.force_login(venue_user)
    code = signed_badge_id(delegates[0])

    first = scan(client, day_one, code, nonce="same-nonce", json=True)
    again = scan(client, day_one, code, nonce="same-nonce", json=True)

    assert first.json()["result"] == again.json()["result"] == "welcome"
    assert "Amina1 Diallo1" in again.json()["html"]
    assert Checkin.objects.count() == 1


def test_a_refused_scan_sent_again_is_refused_and_recorded_once(
    client, venue_user, day_one, delegates
):
    client.force_login(venue_user)
    registration_services.delegate_withdraw(delegate=delegates[0], by_staff=True)
    code = signed_badge_id(delegates[0])

    first = scan(client, day_one, code, nonce="refused-again", json=True)
    again = scan(client, day_one, code, nonce="refused-again", json=True)

    assert first.json()["result"] == again.json()["result"] == "refused"
    assert "Not admitted: Registration withdrawn" in again.json()["html"]
    assert "Amina1 Diallo1" in again.json()["html"]
    assert FailedScan.objects.get().reason == "withdrawn"


def test_a_nonce_sent_again_with_another_badge_says_what_it_did_the_first_time(
    client, venue_user, day_one, delegates
):
    """Only a hand-made request does this: the scan counts once, as it was first sent."""
    client.force_login(venue_user)
    scan(client, day_one, signed_badge_id(delegates[0]), nonce="one-nonce")

    other = scan(client, day_one, signed_badge_id(delegates[1]), nonce="one-nonce", json=True)

    assert other.json()["result"] == "welcome"
    assert "Amina1 Diallo1" in other.json()["html"]
    assert Checkin.objects.get().delegate == delegates[0]


def test_the_first_entry_by_someone_no_longer_on_staff_still_shows(
    client, venue_user, day_one, delegates, roles
):
    from tests.helpers import staff_user

    client.force_login(staff_user("leaver", "Venue staff"))
    code = signed_badge_id(delegates[0])
    scan(client, day_one, code, nonce="leaver-1")
    client.logout()
    User.objects.filter(username="leaver").delete()
    client.force_login(venue_user)

    response = scan(client, day_one, code, nonce="after-leaver")

    assert "Already checked in at 09:05 by someone no longer on staff." in visible_text(response)


def test_a_list_with_repeated_entry_counts_from_the_last_entry(
    client, venue_user, day_one, delegates, clock_at
):
    day_one.allow_repeat = True
    day_one.save()
    client.force_login(venue_user)
    code = signed_badge_id(delegates[0])
    scan(client, day_one, code, nonce="repeat-1")  # 09:05
    clock_at(MORNING_OF_7_JUNE + timedelta(hours=2))
    back_from_lunch = scan(client, day_one, code, nonce="repeat-2")
    clock_at(MORNING_OF_7_JUNE + timedelta(hours=2, seconds=30))

    held_up_twice = scan(client, day_one, code, nonce="repeat-3")

    assert "Welcome Amina1 Diallo1" in visible_text(back_from_lunch)
    # Within a minute of the 11:05 entry (not of the first): the same entry.
    assert "Already checked in at 09:05 by Door Keeper." in visible_text(held_up_twice)
    assert Checkin.objects.count() == 2


def _statements(captured) -> list[str]:
    """The SQL a request ran, without the savepoints of the test's transaction."""
    return [
        query["sql"]
        for query in captured
        if not query["sql"].startswith(("SAVEPOINT", "RELEASE SAVEPOINT"))
    ]


# The door scan's statement budget (issue 26; make bench reports it), with the session
# kept in Redis as production keeps it (intersessional/sessions.py). The target is 4:
# met when the scan writes nothing; the user and their authenticator are still read
# before the view (docs/performance.md).
@pytest.mark.parametrize(
    ("setup", "result", "count"),
    [
        # The user, their authenticator, the delegate locked with their delegation,
        # what was seen of this nonce and of the delegate on the list (one statement),
        # the entry written. The session is in Redis; the list and the staff member's
        # permissions are kept for the minute by the process (the scan before this one
        # read them).
        (None, "welcome", 5),
        # The same, with nothing written.
        ("already", "already", 4),
        # The same, with the refusal written.
        ("withdrawn", "refused", 5),
    ],
)
def test_a_scan_runs_at_most_a_few_statements(
    redis_sessions, client, venue_user, day_one, delegates, setup, result, count
):
    client.force_login(venue_user)
    code = signed_badge_id(delegates[0])
    # A scan of another badge first: the process has served the door in the minute.
    scan(client, day_one, signed_badge_id(delegates[1]), nonce="warming-scan")
    if setup == "already":
        scan(client, day_one, code, nonce="earlier-scan")
    elif setup == "withdrawn":
        registration_services.delegate_withdraw(delegate=delegates[0], by_staff=True)

    with CaptureQueriesContext(connection) as captured:
        response = scan(client, day_one, code, nonce="counted-scan", json=True)

    assert response.json()["result"] == result
    assert len(_statements(captured)) <= count, "\n".join(_statements(captured))


def test_a_scan_with_a_forged_code_runs_at_most_a_few_statements(
    redis_sessions, client, venue_user, day_one, delegates
):
    client.force_login(venue_user)
    scan(client, day_one, signed_badge_id(delegates[1]), nonce="warming-scan")

    with CaptureQueriesContext(connection) as captured:
        response = scan(client, day_one, "B1V1SAAAAAAAAAAAAAAAA", nonce="forged-scan", json=True)

    # The user, the authenticator, whether this nonce was seen, the refusal written.
    assert response.json()["result"] == "refused"
    assert len(_statements(captured)) <= 4, "\n".join(_statements(captured))


def test_a_code_typed_through_a_swiss_layout_or_caps_lock_still_reads(
    client, venue_user, day_one, delegates
):
    """The code has no y, z, -, _ or : to be swapped; case does not matter."""
    client.force_login(venue_user)

    response = scan(client, day_one, "  " + signed_badge_id(delegates[1]).lower() + " ")

    assert "Welcome Amina2 Diallo2" in visible_text(response)


@pytest.mark.parametrize(
    "tamper",
    [
        lambda code: code[:-1] + ("A" if code[-1] != "A" else "B"),  # signature altered
        lambda code: code.replace("B", "B9", 1),  # another delegate's number
        lambda code: "badge:1:" + "x" * 27,  # another shape, unsigned
        lambda code: "https://example.org/ticket/42",  # someone else's QR code
    ],
)
def test_a_forged_or_foreign_code_is_refused_in_red_and_recorded(
    client, venue_user, day_one, delegates, tamper
):
    client.force_login(venue_user)

    response = scan(client, day_one, tamper(signed_badge_id(delegates[0])))

    text = visible_text(response)
    assert "Not admitted: Not a badge of this meeting (invalid or forged)" in text
    assert "door-red" in response.content.decode()
    assert not Checkin.objects.exists()
    failed = FailedScan.objects.get()
    assert (failed.reason, failed.delegate, failed.by) == ("invalid", None, venue_user)


def test_a_reprinted_badge_supersedes_the_old_one(client, venue_user, day_one, delegates):
    client.force_login(venue_user)
    amina = delegates[0]
    old_code = signed_badge_id(amina)
    registration_services.delegate_badge_reissue(delegates=Delegate.objects.filter(pk=amina.pk))
    amina.refresh_from_db()
    new_code = signed_badge_id(amina)
    assert new_code != old_code and codes.decode(new_code).version == 2

    refused = scan(client, day_one, old_code, nonce="old-badge")
    welcomed = scan(client, day_one, new_code, nonce="new-badge")

    assert "Not admitted: Superseded badge (reprinted since)" in visible_text(refused)
    assert "Amina1 Diallo1" in visible_text(refused)
    assert "Welcome Amina1 Diallo1" in visible_text(welcomed)
    assert FailedScan.objects.get().reason == "superseded"
    assert Checkin.objects.get().delegate == amina


def test_withdrawn_and_declined_registrations_are_refused(
    client, venue_user, day_one, delegates, clock_at
):
    client.force_login(venue_user)
    withdrawn, declined = delegates[0], delegates[2]
    registration_services.delegate_withdraw(delegate=withdrawn, by_staff=True)
    registration_services.delegate_decline(delegate=declined, reason="duplicate")

    first = scan(client, day_one, signed_badge_id(withdrawn), nonce="w-1")
    second = scan(client, day_one, signed_badge_id(declined), nonce="d-1")

    assert "Not admitted: Registration withdrawn" in visible_text(first)
    assert "Not admitted: Registration declined" in visible_text(second)
    assert sorted(FailedScan.objects.values_list("reason", flat=True)) == [
        "declined",
        "withdrawn",
    ]
    assert not Checkin.objects.exists()


def test_the_bilateral_list_admits_only_delegations_invited_that_day(
    client, venue_user, bilateral_list, delegates, meeting
):
    client.force_login(venue_user)
    france, icrc_delegate = delegates[0], delegates[2]
    slot = bilateral_slot(
        meeting=meeting,
        committee=Committee.objects.get(slug="article-5"),
        starts_at=datetime(2018, 6, 6, 11, 0, tzinfo=GENEVA),
        ends_at=datetime(2018, 6, 6, 11, 30, tzinfo=GENEVA),
        room="Room 7",
    )
    floor_services.bilateral_invite(slot=slot, delegation=france.delegation)

    invited = scan(client, bilateral_list, signed_badge_id(france), nonce="bi-1")
    not_invited = scan(client, bilateral_list, signed_badge_id(icrc_delegate), nonce="bi-2")

    assert "Welcome Amina1 Diallo1 France" in visible_text(invited)
    assert "Not admitted: Not invited that day" in visible_text(not_invited)
    assert FailedScan.objects.get().reason == "wrong_day"


def test_a_name_search_lists_at_most_ten_then_one_click_checks_in(
    client, venue_user, day_one, delegates
):
    client.force_login(venue_user)

    found = scan(client, day_one, "dial")
    text = visible_text(found)
    assert "People whose name has “dial”:" in text
    assert "Amina3 Diallo3 International Committee of the Red Cross" in text
    assert "amina3@mission.example" not in found.content.decode()
    admit = reverse("staff:checkin-admit", args=[day_one.pk, delegates[2].pk])
    assert f'action="{admit}"' in found.content.decode()

    response = client.post(admit, {"nonce": "click-0001"})

    assert "Welcome Amina3 Diallo3" in visible_text(response)
    entry = Checkin.objects.get()
    assert (entry.delegate, entry.method) == (delegates[2], "search")


def test_too_short_a_search_asks_for_three_letters(client, venue_user, day_one, delegates):
    client.force_login(venue_user)

    response = scan(client, day_one, "di")

    assert "Scan a badge, or type at least three letters of a name." in visible_text(response)
    assert not Checkin.objects.exists() and not FailedScan.objects.exists()


def test_the_search_stops_at_ten_names(client, venue_user, day_one, delegates, meeting, clock_at):
    from tests.conftest import BEFORE_DEADLINE
    from tests.helpers import register

    clock_at(BEFORE_DEADLINE)
    for n in range(10, 25):
        register(meeting, state="DEU", n=n)
    client.force_login(venue_user)

    response = scan(client, day_one, "amina")

    assert response.content.decode().count('class="door-admit"') == 10


def test_the_door_page_has_one_autofocused_input_and_no_inline_script(client, venue_user, day_one):
    client.force_login(venue_user)

    response = client.get(reverse("staff:checkin-door", args=[day_one.pk]))

    html = response.content.decode()
    assert html.count("autofocus") == 1
    assert '<script src="/static/js/checkin' in html or "js/checkin." in html
    assert "<script>" not in html
    assert "Scan a badge, or type a name" in visible_text(response)


def test_the_entries_page_counts_by_category_and_says_who_let_whom_in(
    client, venue_user, day_one, delegates
):
    client.force_login(venue_user)
    scan(client, day_one, signed_badge_id(delegates[0]), nonce="e-1")
    scan(client, day_one, signed_badge_id(delegates[2]), nonce="e-2")
    scan(client, day_one, "B1V1SAAAAAAAAAAAAAAAA", nonce="e-3")

    response = client.get(reverse("staff:checkin-entries", args=[day_one.pk]))

    text = visible_text(response)
    assert "State Party 1 2" in text
    assert "International organisation 1 1" in text
    assert "All 2 3" in text
    assert "Amina1 Diallo1 France door Handheld scanner" in text
    assert "Not a badge of this meeting (invalid or forged) — door" in text


def test_scans_are_limited_per_staff_member(client, venue_user, day_one, delegates, settings):
    settings.CHECKIN_POSTS_PER_MINUTE = 2
    client.force_login(venue_user)
    code = signed_badge_id(delegates[0])

    statuses = [scan(client, day_one, code, nonce=f"limit-{i:04}").status_code for i in range(3)]

    assert statuses == [200, 200, 429]
