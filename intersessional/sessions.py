"""Staff sessions read from Redis first, from PostgreSQL when Redis fails.

Every staff request reads its session before the view: the door's scan, the chair's
console, the admin. Django's `cached_db` store keeps a copy in the cache and writes
through to the database, which saves that read (one statement of the scan's five;
docs/performance.md), but it raises when the cache is down as it refills or deletes
its copy. Here a cache that fails costs the database read, never the request: the
door keeps scanning through a Redis outage.

Used only with a shared cache (settings: SESSION_ENGINE when REDIS_URL is set): with
each process's own memory, a sign-out in one process would leave the session alive in
the others' copies.
"""

import logging

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)

# A copy lives at most this long: a session deleted while the cache could not be
# reached (a sign-out during a Redis outage) cannot outlive its deletion by more.
CACHE_SECONDS = 300


class _FailOpen:
    """The session's cache, whose failures are logged and read as a miss."""

    def __init__(self, cache):
        self._cache = cache

    def get(self, key, default=None):
        try:
            return self._cache.get(key, default)
        except Exception:
            logger.warning("Session cache unreachable: read from the database", exc_info=True)
            return default

    def set(self, key, value, timeout):
        try:
            self._cache.set(key, value, min(timeout, CACHE_SECONDS))
        except Exception:
            logger.warning("Session cache unreachable: not kept there", exc_info=True)

    def delete(self, key):
        try:
            self._cache.delete(key)
        except Exception:
            logger.warning(
                "Session cache unreachable: a deleted session's copy stays there for at most %s s",
                CACHE_SECONDS,
                exc_info=True,
            )

    def __contains__(self, key):
        try:
            return key in self._cache
        except Exception:
            return False


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = _FailOpen(self._cache)
