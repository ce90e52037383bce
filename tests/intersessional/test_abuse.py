"""Abuse: the public forms' POSTs are limited per client address; the admin login
locks out after repeated failures and logs every attempt."""

from datetime import timedelta

import pytest
from django.contrib.auth.models import User
from django.core.cache import cache
from django.utils import timezone
from django_otp.plugins.otp_totp.models import TOTPDevice

from tests.conftest import geneva
from tests.helpers import totp_device, totp_token

pytestmark = pytest.mark.django_db

LOST_LINK = "/en/register/lost-link/"


@pytest.fixture
def limited(meeting, clock_at, settings):
    """Three POSTs a minute, counted from a clean cache."""
    clock_at(geneva(2018, 5, 30, 12, 0))
    settings.RATELIMIT_POSTS = 3
    settings.RATELIMIT_WINDOW_SECONDS = 60
    cache.clear()
    yield settings
    cache.clear()


def post_lost_link(client, ip="203.0.113.7", **extra):
    return client.post(LOST_LINK, {"email": "someone@mission.example"}, REMOTE_ADDR=ip, **extra)


def test_a_client_over_the_limit_sees_the_429_page(client, limited):
    for _ in range(3):
        assert post_lost_link(client).status_code == 302

    response = post_lost_link(client)

    assert response.status_code == 429
    page = response.content.decode()
    assert "<h1>Too many attempts</h1>" in page
    assert "sent the registration forms too many times in a short while" in page
    assert "Nothing you sent in the last attempt was saved." in page
    seconds = int(response["Retry-After"])
    assert 1 <= seconds <= 60
    assert f"Please wait {seconds} second" in page
    # The page is the site's own: its menu and skip link are there.
    assert "Skip to main content" in page


def test_the_refused_post_reaches_no_view(client, limited, mailoutbox):
    for _ in range(3):
        post_lost_link(client)
    sent = len(mailoutbox)

    post_lost_link(client)
    post_lost_link(client)

    assert len(mailoutbox) == sent


def test_the_limit_is_per_client_address(client, limited):
    for _ in range(4):
        post_lost_link(client, ip="203.0.113.7")

    assert post_lost_link(client, ip="198.51.100.20").status_code == 302


@pytest.mark.parametrize(
    "path",
    [
        "/en/register/delegate/",
        "/en/registration/x:y/",
        "/en/delegation/x:y/",
        "/en/registration/x:y/photo/",
        "/en/photo/x:y/",
    ],
)
def test_every_public_form_path_counts(client, limited, path):
    for _ in range(3):
        client.post(path, {}, REMOTE_ADDR="203.0.113.9")

    response = client.post(path, {}, REMOTE_ADDR="203.0.113.9")

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_pages_are_never_limited(client, limited):
    for _ in range(4):
        post_lost_link(client)

    page = client.get(LOST_LINK, REMOTE_ADDR="203.0.113.7")

    assert page.status_code == 200
    assert "Have your private link sent again" in page.content.decode()


def test_other_posts_are_not_counted(client, limited):
    for _ in range(5):
        client.post("/admin/login/", {"username": "x", "password": "y"}, REMOTE_ADDR="192.0.2.1")

    assert post_lost_link(client, ip="192.0.2.1").status_code == 302


def test_zero_turns_the_limit_off(client, limited):
    limited.RATELIMIT_POSTS = 0

    for _ in range(6):
        assert post_lost_link(client).status_code == 302


def test_a_forged_forwarded_for_header_is_ignored_without_a_proxy(client, limited):
    for n in range(4):
        response = post_lost_link(client, HTTP_X_FORWARDED_FOR=f"10.0.0.{n}")

    assert response.status_code == 429
    assert "Too many attempts" in response.content.decode()


def test_behind_one_proxy_the_client_is_the_forwarded_address(client, limited):
    limited.RATELIMIT_PROXY_COUNT = 1
    for _ in range(4):
        post_lost_link(client, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="forged, 203.0.113.50")

    # Another client behind the same proxy is still served.
    response = post_lost_link(client, ip="10.0.0.1", HTTP_X_FORWARDED_FOR="203.0.113.51")

    assert response.status_code == 302


# The admin login: django-axes.

PASSWORD = "a long passphrase for the ISU"  # noqa: S105


@pytest.fixture
def isu_staff(db, settings):
    settings.AXES_FAILURE_LIMIT = 3
    user = User.objects.create_user("isu-officer", password=PASSWORD, is_staff=True)
    # Staff sign in with a one-time code too (tests/intersessional/test_two_factor.py).
    totp_device(user)
    return user


def admin_login(client, password, ip="198.51.100.5", username="isu-officer"):
    device = TOTPDevice.objects.filter(user__username=username).first()
    return client.post(
        "/admin/login/?next=/admin/",
        {
            "username": username,
            "password": password,
            "otp_token": totp_token(device) if device else "",
        },
        REMOTE_ADDR=ip,
    )


def test_admin_login_locks_out_after_repeated_failures(client, isu_staff):
    assert admin_login(client, "wrong 1").status_code == 200
    assert admin_login(client, "wrong 2").status_code == 200

    third = admin_login(client, "wrong 3")
    right_password = admin_login(client, PASSWORD)

    assert third.status_code == 429
    assert right_password.status_code == 429
    assert "Account locked: too many login attempts" in right_password.content.decode()
    assert "_auth_user_id" not in client.session


def test_admin_lockout_ends_after_the_cool_off(client, isu_staff, settings):
    from axes.models import AccessAttempt

    for n in range(3):
        admin_login(client, f"wrong {n}")
    assert admin_login(client, PASSWORD).status_code == 429

    AccessAttempt.objects.update(
        attempt_time=timezone.now() - settings.AXES_COOLOFF_TIME - timedelta(seconds=1)
    )
    response = admin_login(client, PASSWORD)

    assert response.status_code == 302
    assert response["Location"] == "/admin/"


def test_admin_lockout_holds_only_for_that_address(client, isu_staff):
    for n in range(3):
        admin_login(client, f"wrong {n}", ip="198.51.100.5")

    response = admin_login(client, PASSWORD, ip="192.0.2.44")

    assert response.status_code == 302


def test_admin_login_attempts_are_stored_and_logged(client, isu_staff, caplog):
    from axes.models import AccessAttempt, AccessFailureLog, AccessLog

    caplog.set_level("WARNING", logger="axes")
    admin_login(client, "wrong")
    admin_login(client, "also wrong")

    attempt = AccessAttempt.objects.get(username="isu-officer", ip_address="198.51.100.5")
    assert attempt.failures_since_start == 2
    # The password typed is never stored.
    assert "wrong" not in attempt.post_data
    assert AccessFailureLog.objects.filter(username="isu-officer").count() == 2
    assert any("login failure" in r.getMessage() for r in caplog.records)

    admin_login(client, PASSWORD)

    assert AccessLog.objects.filter(username="isu-officer", ip_address="198.51.100.5").count() == 1
    # A successful login clears the count of failures.
    assert not AccessAttempt.objects.filter(username="isu-officer").exists()
