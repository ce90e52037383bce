"""The outbox on the real parts: PostgreSQL, Redis, a Celery worker process, gunicorn
and an SMTP server. In every case the registration is kept and exactly one e-mail
arrives in the end, except when the worker dies in the one window left (between the
server's acceptance and the row's update): then a second copy arrives, with the same
Message-ID."""

import re
import time

import psycopg
import pytest
from django.db import connection

from outbox.models import Notification
from reference.models import State
from registration.models import Delegate
from tests.outbox.conftest import Browser, wait_for

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture(autouse=True)
def _postgres_only():
    if connection.vendor != "postgresql":
        pytest.fail("The worker tests run against PostgreSQL: run them through `make test`.")


def registration_form(email="lan@mission.example", given="Thị Lan", family="Nguyễn"):
    return {
        "kind": "state",
        "state": State.objects.get(alpha3="VNM").pk,
        "organisation": "",
        "title": "Ms",
        "given_name": given,
        "family_name": family,
        "badge_name": "",
        "function": "First Secretary",
        "role": "delegate",
        "email": email,
        "gender": "woman",
        "age_band": "35_44",
        "public_list_consent": "on",
    }


def submit_form(web, **fields):
    """POST the public form like a browser; returns the seconds it took and the reply."""
    browser = Browser(web.url)
    started = time.monotonic()
    response, _html = browser.submit("/en/register/delegate/", registration_form(**fields))
    return time.monotonic() - started, response


def one_email_arrives(stack, timeout=30):
    wait_for(lambda: len(stack.smtp.messages) >= 1, timeout, "the e-mail")
    time.sleep(1.5)  # a second copy, if there were one, would arrive by now
    assert len(stack.smtp.messages) == 1, [m["Subject"] for m in stack.smtp.messages]
    return stack.smtp.messages[0]


def test_registration_email_arrives_once_with_a_working_link_and_names_intact(stack):
    web = stack.web()
    worker = stack.worker()

    _seconds, response = submit_form(web, given="ليلى", family="Nguyễn 李")

    assert response.status == 302
    message = one_email_arrives(stack)
    assert message["To"] == "lan@mission.example"
    assert message["Subject"] == "Registration received: 2018 Intersessional Meetings"
    text = message.get_body(preferencelist=("plain",)).get_content()
    html = message.get_body(preferencelist=("html",)).get_content()
    assert "Dear ليلى Nguyễn 李," in text
    assert "ليلى Nguyễn 李" in html
    link = re.search(r"http://127\.0\.0\.1:\d+(/en/registration/\S+/)", text).group(1)
    _response, page = Browser(web.url).request("GET", link)
    assert "ليلى Nguyễn 李" in page
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.SENT
    # The row and when it was queued (12:00 in Geneva), in the site's own domain.
    assert message["Message-ID"] == (
        f"<notification-{notification.pk}.20180530T100000000000@127.0.0.1>"
    )
    assert message["Auto-Submitted"] == "auto-generated"
    # The worker logs its tasks through the site's LOGGING: one line per event.
    assert re.search(
        r"^\S+ INFO celery.app.trace Task outbox.send_notification\[\S+\] succeeded in ",
        worker.output(),
        re.MULTILINE,
    ), worker.output()


def test_registration_succeeds_while_redis_is_down_and_its_email_follows(stack):
    web = stack.web()
    stack.redis.stop()

    seconds, response = submit_form(web)

    assert response.status == 302
    assert seconds < 5, seconds
    assert Delegate.objects.filter(email="lan@mission.example").exists()
    assert Notification.objects.get().status == Notification.Status.PENDING

    stack.redis.start()
    stack.worker()
    message = one_email_arrives(stack)
    assert "Thị Lan Nguyễn" in message.get_body(preferencelist=("plain",)).get_content()


def test_registration_succeeds_while_redis_is_hung_and_its_email_follows(stack):
    web = stack.web()
    stack.worker()
    stack.redis.pause()

    seconds, response = submit_form(web)

    assert response.status == 302
    # The broker's socket timeouts (2 s) bound the wait; without them it is endless.
    assert seconds < 8, seconds
    assert Delegate.objects.filter(email="lan@mission.example").exists()

    stack.redis.resume()
    one_email_arrives(stack, timeout=40)


def test_worker_killed_in_the_middle_of_a_send_the_email_still_arrives_once(stack):
    web = stack.web()
    stack.smtp.stall_in_rcpt = 30
    first = stack.worker("w1")

    submit_form(web)
    wait_for(lambda: stack.smtp.conversations >= 1, 20, "the first SMTP conversation")
    first.kill()
    assert Notification.objects.get().status == Notification.Status.SENDING

    # Another worker takes over once the dead worker's claim has expired.
    stack.worker("w2")
    message = one_email_arrives(stack, timeout=40)
    assert message["Subject"] == "Registration received: 2018 Intersessional Meetings"
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.SENT


def test_worker_killed_when_the_server_receives_quit_the_email_arrives_once(stack):
    web = stack.web()
    first = stack.worker("w1")
    stack.smtp.on_quit = first.kill_now

    submit_form(web)
    wait_for(lambda: stack.smtp.quits >= 1, 20, "the worker's QUIT")
    first.process.wait(10)

    # Marked sent before QUIT: nothing is left for the sweep to send again.
    assert Notification.objects.get().status == Notification.Status.SENT
    one_email_arrives(stack)


def backend_waiting_for_a_lock() -> int | None:
    with connection.cursor() as cursor:
        cursor.execute(
            "SELECT pid FROM pg_stat_activity "
            "WHERE datname = current_database() AND wait_event_type = 'Lock'"
        )
        row = cursor.fetchone()
    return row[0] if row else None


def test_worker_killed_after_acceptance_before_the_update_sends_again_as_one(stack):
    web = stack.web()
    first = stack.worker("w1")
    db = connection.settings_dict
    with psycopg.connect(
        dbname=db["NAME"], user=db["USER"], host=db["HOST"], port=db["PORT"]
    ) as other_session:
        # Taken before the server's 250 (the row is claimed by then): the worker's
        # UPDATE to "sent" waits for this lock, inside the window.
        stack.smtp.before_accepting = lambda: other_session.execute(
            "SELECT id FROM outbox_notification FOR UPDATE"
        )
        submit_form(web)
        wait_for(lambda: backend_waiting_for_a_lock(), 20, "the worker's UPDATE to wait")
        first.kill()
        # Its database session dies with it, the UPDATE never done (PostgreSQL would
        # only notice the lost client once the statement had run).
        with connection.cursor() as cursor:
            cursor.execute("SELECT pg_terminate_backend(%s, 5000)", [backend_waiting_for_a_lock()])
        other_session.rollback()
    assert len(stack.smtp.messages) == 1
    assert Notification.objects.get().status == Notification.Status.SENDING

    # Another worker sends it again once the dead worker's claim has expired.
    stack.worker("w2")
    wait_for(lambda: len(stack.smtp.messages) >= 2, 40, "the copy sent again")
    time.sleep(1.5)  # a third copy, if there were one, would arrive by now
    first_copy, second_copy = stack.smtp.messages
    assert first_copy["Message-ID"] == second_copy["Message-ID"]
    assert Notification.objects.get().status == Notification.Status.SENT


def test_temporary_smtp_error_is_retried_and_the_email_arrives_once(stack):
    web = stack.web()
    stack.smtp.temporary_failures = 2
    stack.worker()

    submit_form(web)

    one_email_arrives(stack, timeout=40)
    notification = Notification.objects.get()
    assert notification.status == Notification.Status.SENT
    assert notification.attempts == 3
    assert "451" in notification.last_error


def database_sessions() -> int:
    with connection.cursor() as cursor:
        cursor.execute("SELECT sessions FROM pg_stat_database WHERE datname = current_database()")
        return cursor.fetchone()[0]


def test_the_worker_keeps_its_database_connection_from_one_email_to_the_next(stack):
    from intersessional import clock

    stack.worker(DATABASE_CONN_MAX_AGE="60")
    # The worker and its sweep (every second) are connected and idle.
    wait_for(lambda: database_sessions() > 0, 10, "the worker's connection")
    time.sleep(2.5)
    before = database_sessions()
    for n in range(5):
        Notification.objects.create(
            kind="test",
            to_email=f"n{n}@mission.example",
            subject=f"Note {n}",
            body_text="Hello.",
            created_at=clock.now(),
        )

    # The sweep hands the rows over; each is sent once.
    wait_for(lambda: len(stack.smtp.messages) >= 5, 30, "five e-mails")
    time.sleep(2.5)  # PostgreSQL publishes its session counts within a second

    assert Notification.objects.filter(status=Notification.Status.SENT).count() == 5
    # Five sends and a few sweeps: at most one new connection, not one per task.
    assert database_sessions() - before <= 1
