"""A per-client limit on the public forms' POSTs, counted in Django's cache.

Fixed one-minute windows (configurable) keyed by the client's address: cheap (on
Redis one round trip per POST, INCR and EXPIRE pipelined; elsewhere a cache add and
an increment), shared by every web process when the cache is Redis, and good enough
to turn away a script that floods the forms. A person who types never comes near the
limit. Above it the answer is 429 with a page that says when to try again; GETs are
never limited.

Settings (from the environment, see settings.py):
  RATELIMIT_POSTS           POSTs allowed per client per window; 0 turns the limit off
  RATELIMIT_WINDOW_SECONDS  the window's length
  RATELIMIT_PATH_PREFIXES   which paths count
  RATELIMIT_PROXY_COUNT     how many trusted proxies append to X-Forwarded-For (0: none,
                            the client is REMOTE_ADDR)
"""

import hashlib
import logging
import time

from django.conf import settings
from django.core.cache import cache
from django.shortcuts import render
from django.utils.translation import get_language_from_path

logger = logging.getLogger(__name__)


def client_ip(request) -> str:
    """The client's address. Behind N trusted proxies it is the Nth entry of
    X-Forwarded-For from the right: entries further left are whatever the client sent."""
    proxies = settings.RATELIMIT_PROXY_COUNT
    if proxies > 0:
        forwarded = [
            part.strip()
            for part in request.META.get("HTTP_X_FORWARDED_FOR", "").split(",")
            if part.strip()
        ]
        if len(forwarded) >= proxies:
            return forwarded[-proxies]
    return request.META.get("REMOTE_ADDR", "")


def _limited_path(path: str) -> bool:
    # The public forms live under a language prefix (/fr/register/...): count them all.
    language = get_language_from_path(path)
    if language:
        path = path.removeprefix(f"/{language}")
    return any(path.startswith(prefix) for prefix in settings.RATELIMIT_PATH_PREFIXES)


def hit(ip: str, *, limit: int, window: int) -> tuple[bool, int]:
    """Count one POST from ip. Returns (allowed, seconds until the window ends).

    Real time, not the site's clock: the demo's fixed clock must not freeze the windows.
    """
    now = time.time()
    slot = int(now // window)
    digest = hashlib.sha256(ip.encode()).hexdigest()[:32]
    key = f"ratelimit:post:{digest}:{slot}"
    retry_after = max(1, int((slot + 1) * window - now))
    client = _redis()
    if client is not None:
        # One round trip: Django's cache would take three (add, then EXISTS and INCR),
        # building a client for each (about 0.4 ms of a POST's CPU, docs/performance.md).
        full_key = cache.make_key(key)
        count, _ = (
            client.pipeline(transaction=False).incr(full_key).expire(full_key, window + 5).execute()
        )
        return count <= limit, retry_after
    # add() starts the window's count without racing another process's incr().
    cache.add(key, 0, timeout=window + 5)
    try:
        count = cache.incr(key)
    except ValueError:
        # The key expired between add() and incr(): this is the window's first POST.
        cache.add(key, 1, timeout=window + 5)
        count = 1
    return count <= limit, retry_after


_CLIENTS: dict[str, object] = {}


def _redis():
    """A Redis client on the default cache's server, one per process (redis-py's
    pool), when that cache is Django's Redis backend; else None."""
    config = settings.CACHES["default"]
    if config["BACKEND"] != "django.core.cache.backends.redis.RedisCache":
        return None
    location = config["LOCATION"]
    if location not in _CLIENTS:
        import redis

        _CLIENTS[location] = redis.Redis.from_url(location, **config.get("OPTIONS", {}))
    return _CLIENTS[location]


class PostRateLimitMiddleware:
    """Answers 429 to a client that sends more than the allowed POSTs to the public forms."""

    def __init__(self, get_response):
        self.get_response = get_response

    def __call__(self, request):
        limit = settings.RATELIMIT_POSTS
        if limit > 0 and request.method == "POST" and _limited_path(request.path_info):
            window = settings.RATELIMIT_WINDOW_SECONDS
            try:
                allowed, retry_after = hit(client_ip(request), limit=limit, window=window)
            except Exception:
                # A cache that is down must not stop a registration: let it through.
                logger.warning("Rate limit cache unavailable; POST allowed", exc_info=True)
                allowed, retry_after = True, 0
            if not allowed:
                logger.warning(
                    "Rate limit: %s POSTs per %s s exceeded on %s", limit, window, request.path
                )
                response = render(
                    request,
                    "429.html",
                    {"retry_after": retry_after, "window": window, "limit": limit},
                    status=429,
                )
                response["Retry-After"] = str(retry_after)
                return response
        return self.get_response(request)
