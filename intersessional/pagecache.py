"""Whole public pages kept for the minute they are true in.

A page that is the same for everyone (no form, no CSRF token, nobody's data) is
rendered once per process, language and minute of the site's clock, then served
from memory: the view, its queries and its templates are skipped, and only the
middleware runs. The minute is part of the key because such pages count "time
left" in minutes and registration closes at the end of a minute (23:59:59), so a
kept page is never wrong about either; the demo banner reads the same fixed clock.
Staff edits to the programme show within that minute.

Kept in the "fragments" cache, each process's own memory: a Redis that is down or
hung cannot break a page, and the tests clear it between tests. A request that
carries a query string or has a message to show (after a redirect), and any
answer that is not a plain 200 or that sets a cookie, bypasses it.
"""

from functools import wraps

from django.contrib.messages import get_messages
from django.core.cache import caches
from django.http import HttpResponse
from django.utils.translation import get_language

from . import clock

SECONDS = 60


def _key(request) -> str:
    minute = clock.now().strftime("%Y%m%d%H%M%z")
    return f"page:{request.path}:{get_language()}:{minute}:{int(clock.is_fixed())}"


def per_minute(view):
    """Serve the view's 200 answer from this process's memory for the rest of the minute."""

    @wraps(view)
    def cached_view(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD") or request.GET or len(get_messages(request)):
            return view(request, *args, **kwargs)
        cache, key = caches["fragments"], _key(request)
        kept = cache.get(key)
        if kept is not None:
            content, content_type = kept
            return HttpResponse(content, content_type=content_type)
        response = view(request, *args, **kwargs)
        if (
            response.status_code == 200
            and not response.streaming
            and not response.cookies
            and request.method == "GET"
        ):
            cache.set(key, (response.content, response["Content-Type"]), SECONDS)
        return response

    return cached_view
