"""The staff session as production keeps it with Redis (intersessional/sessions.py): the
door's scan reads it from Redis, not from the database; it keeps scanning when Redis is
down or hung; a signed-out session's copy never comes back."""

import logging
import socket
import time

import pytest
import redis
from django.contrib.sessions.models import Session
from django.core.cache import caches
from django.db import connection
from django.test.utils import CaptureQueriesContext

from documents.badges import signed_badge_id
from intersessional import sessions
from intersessional.sessions import SessionStore
from tests.checkin.conftest import redis_url, use_session_cache
from tests.checkin.test_door import scan
from tests.helpers import free_port

pytestmark = pytest.mark.django_db


def test_a_scan_reads_the_session_from_redis_not_the_database(
    redis_sessions, client, venue_user, day_one, delegates
):
    client.force_login(venue_user)
    scan(client, day_one, signed_badge_id(delegates[1]), nonce="first-scan")

    with CaptureQueriesContext(connection) as captured:
        response = scan(client, day_one, signed_badge_id(delegates[0]), nonce="second", json=True)

    assert response.json()["result"] == "welcome"
    assert not [q["sql"] for q in captured if "django_session" in q["sql"]]
    # The copy in Redis expires long before the session: a sign-out that could not
    # delete it (Redis unreachable then) is not undone for longer than that.
    key = sessions.SessionStore.cache_key_prefix + client.session.session_key
    ttl = redis.Redis.from_url(redis_url()).ttl(caches["sessions"].make_key(key))
    assert 0 < ttl <= sessions.CACHE_SECONDS


def test_the_door_keeps_scanning_when_redis_is_down(
    settings, client, venue_user, day_one, delegates, caplog
):
    # A port nobody listens on: every cache call fails at once, as with Redis down.
    use_session_cache(settings, f"redis://127.0.0.1:{free_port()}/0")
    client.force_login(venue_user)
    assert Session.objects.count() == 1

    with caplog.at_level(logging.WARNING, logger="intersessional.sessions"):
        first = scan(client, day_one, signed_badge_id(delegates[0]), nonce="outage-1", json=True)
        again = scan(client, day_one, signed_badge_id(delegates[0]), nonce="outage-2", json=True)

    assert first.json()["result"] == "welcome"
    assert again.json()["result"] == "already"
    assert "Session cache unreachable" in caplog.text

    # Signing out still ends the session, in the database where it is kept.
    response = client.post("/admin/logout/")
    assert response.status_code in (200, 302)
    assert Session.objects.count() == 0
    assert scan(client, day_one, signed_badge_id(delegates[1]), nonce="outage-3").status_code in (
        302,
        403,
    )


def test_a_hung_redis_costs_the_door_a_fraction_of_a_second_once(
    settings, client, venue_user, day_one, delegates
):
    # A Redis that accepts the connection and never answers (hung, or its network).
    listener = socket.socket()
    listener.bind(("127.0.0.1", 0))
    listener.listen(16)  # connections wait in its queue, never accepted nor answered
    use_session_cache(settings, f"redis://127.0.0.1:{listener.getsockname()[1]}/0")
    client.force_login(venue_user)

    started = time.monotonic()
    first = scan(client, day_one, signed_badge_id(delegates[0]), nonce="hung-1", json=True)
    then = time.monotonic()
    again = scan(client, day_one, signed_badge_id(delegates[1]), nonce="hung-2", json=True)
    done = time.monotonic()
    listener.close()

    assert (first.json()["result"], again.json()["result"]) == ("welcome", "welcome")
    # One short timeout on the first request (two of a second each before), then this
    # process leaves the cache alone for a while.
    assert then - started < 1.5
    assert done - then < 0.2


def test_a_session_signed_out_while_another_request_read_it_stays_signed_out(
    redis_sessions, client, venue_user, monkeypatch
):
    client.force_login(venue_user)
    key = client.session.session_key
    caches["sessions"].clear()  # no copy yet: the next read refills it
    read_row = SessionStore._get_session_from_db

    def read_then_signed_out_elsewhere(store):
        row = read_row(store)
        SessionStore(key).delete()  # the sign-out, between the read and the refill
        return row

    monkeypatch.setattr(SessionStore, "_get_session_from_db", read_then_signed_out_elsewhere)
    assert SessionStore(key).load()  # this request had read the session in time
    monkeypatch.undo()

    assert SessionStore(key).load() == {}
    assert not Session.objects.filter(session_key=key).exists()
