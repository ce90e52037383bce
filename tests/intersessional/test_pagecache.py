"""Whole public pages kept per process, language and minute (intersessional/pagecache.py)."""

import pytest
from django.contrib.messages import constants, get_messages
from django.contrib.messages.storage.cookie import CookieStorage
from django.http import HttpResponse
from django.test import RequestFactory
from django.urls import reverse

from tests.conftest import geneva
from tests.programme.test_home import visible_text

pytestmark = pytest.mark.django_db


def test_home_is_rendered_once_a_minute_and_then_runs_no_query(
    client, meeting, clock_at, django_assert_num_queries
):
    clock_at(geneva(2018, 5, 30, 12, 0, 5))
    first = client.get(reverse("programme:home"))
    clock_at(geneva(2018, 5, 30, 12, 0, 55))

    with django_assert_num_queries(0):
        second = client.get(reverse("programme:home"))

    assert second.status_code == 200
    assert second.content == first.content
    # The middleware still runs on a kept page: the security headers are there.
    assert "Content-Security-Policy" in second.headers


def test_time_left_and_the_demo_banner_follow_the_minute(client, meeting, clock_at):
    clock_at(geneva(2018, 5, 31, 23, 57, 0))
    before = visible_text(client.get(reverse("programme:home")))
    clock_at(geneva(2018, 5, 31, 23, 58, 30))
    after = visible_text(client.get(reverse("programme:home")))

    assert "2 minutes left to register." in before
    assert "The site's clock is set to Thursday 31 May 2018, 23:57" in before
    assert "1 minute left to register." in after
    assert "The site's clock is set to Thursday 31 May 2018, 23:58" in after


def test_a_page_kept_in_the_deadlines_last_minute_does_not_outlive_it(client, meeting, clock_at):
    clock_at(geneva(2018, 5, 31, 23, 59, 0))
    open_page = visible_text(client.get(reverse("programme:home")))
    clock_at(geneva(2018, 5, 31, 23, 59, 59))
    last_second = visible_text(client.get(reverse("programme:home")))
    clock_at(geneva(2018, 6, 1, 0, 0, 0))
    closed = visible_text(client.get(reverse("programme:home")))

    assert "Register online by" in open_page and "Register online by" in last_second
    assert "Registration closed" in closed


def test_each_language_has_its_own_page(client, meeting, clock_at):
    clock_at(geneva(2018, 5, 30, 12, 0))

    french = client.get("/fr/programme/")
    english = client.get("/en/programme/")
    french_again = client.get("/fr/programme/")

    assert '<html lang="fr"' in french.content.decode()
    assert '<html lang="en"' in english.content.decode()
    assert french_again.content == french.content


def test_a_request_with_a_message_to_show_is_not_served_a_kept_page(meeting, clock_at):
    from intersessional import pagecache

    clock_at(geneva(2018, 5, 30, 12, 0))
    calls = []

    @pagecache.per_minute
    def view(request):
        calls.append(len(get_messages(request)))
        return HttpResponse("page")

    view(RequestFactory().get("/kept/"))
    view(RequestFactory().get("/kept/"))
    with_message = RequestFactory().get("/kept/")
    with_message._messages = CookieStorage(with_message)
    with_message._messages.add(constants.SUCCESS, "Your registration was received.")
    view(with_message)
    view(RequestFactory().get("/kept/?page=2"))

    # Rendered once for the plain requests, then for the message and the query string.
    assert calls == [0, 1, 0]


def test_answers_that_are_not_plain_200s_are_not_kept(meeting, clock_at):
    from intersessional import pagecache

    clock_at(geneva(2018, 5, 30, 12, 0))
    calls = []

    @pagecache.per_minute
    def view(request):
        calls.append(1)
        response = HttpResponse("page")
        response.set_cookie("csrftoken", "x")
        return response

    view(RequestFactory().get("/cookie/"))
    view(RequestFactory().get("/cookie/"))

    assert len(calls) == 2


def test_a_kept_form_page_gives_each_visitor_a_token_of_their_own(client, settings):
    from django.middleware.csrf import _unmask_cipher_token
    from django.template import engines

    from intersessional import pagecache

    calls = []
    template = engines["django"].from_string(
        '<form method="post">{% csrf_token %}<input name="email"></form>'
    )

    @pagecache.per_minute(csrf=True)
    def view(request):
        calls.append(1)
        return HttpResponse(template.render({}, request))

    responses = []
    for _ in range(3):
        request = RequestFactory().get("/form/")
        request.COOKIES = {}
        responses.append((request, view(request)))

    assert len(calls) == 1
    tokens = []
    for request, response in responses:
        html = response.content.decode()
        assert pagecache.CSRF_PLACEHOLDER not in html
        token = html.split('name="csrfmiddlewaretoken" value="')[1].split('"')[0]
        # The token in the page matches the secret its cookie will carry.
        assert _unmask_cipher_token(token) == request.META["CSRF_COOKIE"]
        assert request.META["CSRF_COOKIE_NEEDS_UPDATE"]
        tokens.append(token)
    assert len(set(tokens)) == 3


def test_a_page_with_a_real_token_is_never_kept(meeting, clock_at):
    from django.middleware.csrf import get_token

    from intersessional import pagecache

    clock_at(geneva(2018, 5, 30, 12, 0))
    calls = []

    @pagecache.per_minute  # not marked csrf=True, yet it puts a token in the page
    def view(request):
        calls.append(1)
        return HttpResponse(get_token(request))

    first, second = RequestFactory().get("/token/"), RequestFactory().get("/token/")
    first.COOKIES = second.COOKIES = {}
    one, two = view(first).content, view(second).content

    assert len(calls) == 2
    assert one != two
