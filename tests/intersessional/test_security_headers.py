"""The production posture, read off real responses with the production settings
that `make test` runs under (DEBUG off)."""

import pytest
from django.core.cache import cache

from reference.load import load_organisations, load_states
from reference.models import State
from tests.conftest import geneva
from tests.helpers import totp_device, totp_token

pytestmark = pytest.mark.django_db


@pytest.fixture
def open_site(meeting, clock_at):
    load_states()
    load_organisations()
    clock_at(geneva(2018, 5, 30, 12, 0))
    cache.clear()
    return meeting


def csp_directives(response) -> dict[str, list[str]]:
    header = response["Content-Security-Policy"]
    directives = {}
    for part in header.split(";"):
        words = part.split()
        if words:
            directives[words[0]] = words[1:]
    return directives


PAGES = [
    "/en/",
    "/en/programme/",
    "/en/register/",
    "/en/register/delegate/",
    "/en/register/lost-link/",
]


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_send_a_strict_content_security_policy(client, open_site, path):
    response = client.get(path, secure=True)

    assert response.status_code == 200
    directives = csp_directives(response)
    assert directives["default-src"] == ["'self'"]
    for directive in ("script-src", "style-src"):
        assert directives[directive] == ["'self'"], directive
    everything = " ".join(" ".join(v) for v in directives.values())
    assert "'unsafe-inline'" not in everything
    assert "'unsafe-eval'" not in everything
    assert "*" not in everything
    assert directives["frame-ancestors"] == ["'none'"]
    assert directives["object-src"] == ["'none'"]
    assert directives["base-uri"] == ["'none'"]
    assert directives["form-action"] == ["'self'"]


@pytest.mark.parametrize("path", PAGES)
def test_public_pages_forbid_framing_and_sniffing(client, open_site, path):
    response = client.get(path, secure=True)

    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert response["Cross-Origin-Opener-Policy"] == "same-origin"


def test_https_responses_carry_hsts_for_a_year_with_subdomains(client, open_site):
    response = client.get("/en/", secure=True)

    hsts = [part.strip() for part in response["Strict-Transport-Security"].split(";")]
    assert hsts[0] == "max-age=31536000"
    assert "includeSubDomains" in hsts
    assert "preload" in hsts


def test_plain_http_is_redirected_to_https_when_not_behind_a_proxy(client, open_site, settings):
    settings.SECURE_SSL_REDIRECT = True

    response = client.get("/en/programme/")

    assert response.status_code == 301
    assert response["Location"] == "https://testserver/en/programme/"


def test_csrf_cookie_is_secure_and_same_site(client, open_site):
    response = client.get("/en/register/delegate/", secure=True)

    cookie = response.cookies["csrftoken"]
    assert cookie["secure"] is True
    assert cookie["samesite"] == "Lax"


def test_session_cookie_is_secure_http_only_and_same_site(client, open_site, django_user_model):
    # Only staff have sessions: a registration carries no session (see the next test).
    user = django_user_model.objects.create_user(
        "isu-cookie", password="pw-isu-cookie-1", is_staff=True
    )
    code = totp_token(totp_device(user))

    response = client.post(
        "/admin/login/",
        {
            "username": "isu-cookie",
            "password": "pw-isu-cookie-1",
            "otp_token": code,
            "next": "/admin/",
        },
        secure=True,
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    cookie = response.cookies["sessionid"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_done_pages_link_cookie_is_secure_http_only_and_same_site(client, open_site):
    state = State.objects.get(alpha3="CHE")
    response = client.post(
        "/en/register/delegate/",
        {
            "kind": "state",
            "state": state.pk,
            "organisation": "",
            "title": "Dr",
            "given_name": "Cookie",
            "family_name": "Check",
            "badge_name": "",
            "function": "Counsellor",
            "role": "delegate",
            "email": "cookie.check@mission.example",
            "gender": "undisclosed",
            "age_band": "undisclosed",
        },
        secure=True,
    )

    assert response.status_code == 302, response.content.decode()[:2000]
    assert "sessionid" not in response.cookies
    cookie = response.cookies["last_link"]
    assert cookie["secure"] is True
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"


def test_the_429_page_keeps_the_same_headers(client, open_site, settings):
    settings.RATELIMIT_POSTS = 1
    client.post("/en/register/lost-link/", {"email": "a@example.org"}, secure=True)

    response = client.post("/en/register/lost-link/", {"email": "a@example.org"}, secure=True)

    assert response.status_code == 429
    assert csp_directives(response)["frame-ancestors"] == ["'none'"]
    assert response["X-Frame-Options"] == "DENY"
    assert response["X-Content-Type-Options"] == "nosniff"
