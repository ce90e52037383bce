"""Whole public pages kept for the minute they are true in.

A page that is the same for everyone (nobody's data) is rendered once per process,
language and minute of the site's clock, then served from memory: the view, its
queries and its templates are skipped, and only the middleware runs. The minute is
part of the key because such pages count "time left" in minutes and registration
closes at the end of a minute (23:59:59), so a kept page is never wrong about either;
the demo banner reads the same fixed clock. Staff edits show within that minute.

A page with a form (`per_minute(csrf=True)`) is kept with a placeholder where the
CSRF token goes (the `csrf_placeholder` context processor puts it there while the
page is rendered for keeping); each answer gets its own token, and its cookie.

Kept in the "fragments" cache, each process's own memory: a Redis that is down or
hung cannot break a page, and the tests clear it between tests. A request that
carries a query string or has a message to show (after a redirect), and any
answer that is not a plain 200 or that sets a cookie, bypasses it.
"""

from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.middleware.csrf import get_token
from django.utils.translation import get_language

from . import clock

SECONDS = 60
CSRF_PLACEHOLDER = "pagecache-csrf-token-placeholder"
_PLACEHOLDER_BYTES = CSRF_PLACEHOLDER.encode()


def csrf_placeholder(request) -> dict:
    """Context processor: the placeholder instead of a token, while a page is
    rendered to be kept; nothing otherwise (Django's own csrf processor then holds)."""
    return {"csrf_token": CSRF_PLACEHOLDER} if getattr(request, "_pagecache_csrf", False) else {}


def _key(request) -> str:
    minute = clock.now().strftime("%Y%m%d%H%M%z")
    return f"page:{request.path}:{get_language()}:{minute}:{int(clock.is_fixed())}"


def _with_token(request, content: bytes) -> bytes:
    if _PLACEHOLDER_BYTES not in content:
        return content
    return content.replace(_PLACEHOLDER_BYTES, get_token(request).encode())


def per_minute(view=None, *, csrf: bool = False):
    """Serve the view's 200 answer to a GET from this process's memory for the rest
    of the minute. With csrf=True the page may hold `{% csrf_token %}`."""
    if view is None:
        return lambda view: per_minute(view, csrf=csrf)

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.GET or len(get_messages(request)):
            return view(request, *args, **kwargs)
        cache, key = caches["fragments"], _key(request)
        kept = cache.get(key)
        if kept is not None:
            content, content_type = kept
            return HttpResponse(_with_token(request, content), content_type=content_type)
        token_asked = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False)
        request._pagecache_csrf = csrf
        response = view(request, *args, **kwargs)
        request._pagecache_csrf = False
        if response.streaming:
            return response
        # A page that asked for a real token (a form on a page not marked csrf=True)
        # would hand one visitor's token to the next: never kept.
        asked_now = request.META.get("CSRF_COOKIE_NEEDS_UPDATE", False) and not token_asked
        if (
            response.status_code == 200
            and not response.cookies
            and not asked_now
            and request.method == "GET"
        ):
            cache.set(key, (response.content, response["Content-Type"]), SECONDS)
        response.content = _with_token(request, response.content)
        return response

    return cached_view
