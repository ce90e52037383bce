"""Staff sessions read from Redis first, from PostgreSQL when Redis fails.

Every staff request reads its session before the view: the door's scan, the chair's
console, the admin. Django's `cached_db` store keeps a copy in the cache and writes
through to the database, which saves that read (one statement of the scan's five;
docs/performance.md), but it raises when the cache is down as it refills or deletes
its copy. Here a cache that fails costs the database read, never the request: the
door keeps scanning through a Redis outage.

- The cache is settings' "sessions" alias: Redis with short timeouts, and after a
  failure this process leaves it alone for `BREAK_SECONDS`, so a hung Redis costs one
  request a fraction of a second, not every request seconds.
- A deleted session (a sign-out, a key cycled at sign-in) leaves a marker in the cache
  for `CACHE_SECONDS`, and a copy is refilled with `add()`: a request that read the row
  just before the sign-out cannot put the copy back after it.
- A copy lives at most `CACHE_SECONDS`: a session deleted while the cache could not be
  reached (an outage) cannot outlive its deletion by more.

Used only with a shared cache (settings: SESSION_ENGINE when REDIS_URL is set): with
each process's own memory, a sign-out in one process would leave the session alive in
the others' copies.
"""

import logging
import time

from django.contrib.sessions.backends import cached_db

logger = logging.getLogger(__name__)

CACHE_SECONDS = 300
BREAK_SECONDS = 30
# What a deleted session's key holds in the cache (never a session's data: a dict).
DELETED = "deleted"
_FAILED = object()


class _FailOpen:
    """The session's cache, whose failures are logged and read as a miss; after one,
    this process skips it for BREAK_SECONDS."""

    skip_until = 0.0  # per process: shared by every store

    def __init__(self, cache):
        self._cache = cache

    def _call(self, what: str, default, *args):
        if time.monotonic() < _FailOpen.skip_until:
            return default
        try:
            return getattr(self._cache, what)(*args)
        except Exception:
            _FailOpen.skip_until = time.monotonic() + BREAK_SECONDS
            logger.warning(
                "Session cache unreachable (%s): sessions from the database for %s s",
                what,
                BREAK_SECONDS,
                exc_info=True,
            )
            return default

    def get(self, key, default=None):
        return self._call("get", default, key, default)

    def set(self, key, value, timeout):
        if self._call("set", _FAILED, key, value, min(timeout, CACHE_SECONDS)) is _FAILED:
            # An older copy may still be there: try to drop it.
            self._call("delete", None, key)

    def add(self, key, value, timeout):
        self._call("add", False, key, value, min(timeout, CACHE_SECONDS))

    def delete(self, key):
        self._call("delete", None, key)

    def __contains__(self, key):
        return self._call("has_key", False, key)


class SessionStore(cached_db.SessionStore):
    def __init__(self, session_key=None):
        super().__init__(session_key)
        self._cache = _FailOpen(self._cache)

    def load(self):
        data = self._cache.get(self.cache_key)
        if data == DELETED:
            self._session_key = None
            return {}
        if data is None:
            row = self._get_session_from_db()
            if row is None:
                return {}
            data = self.decode(row.session_data)
            # add(), not set(): a sign-out's marker, written meanwhile, stays.
            self._cache.add(self.cache_key, data, self.get_expiry_age(expiry=row.expire_date))
        return data

    def delete(self, session_key=None):
        session_key = session_key or self.session_key
        if session_key is None:
            return
        # The database's delete of the row, without cached_db's delete of the copy: a
        # marker replaces it.
        super(cached_db.SessionStore, self).delete(session_key)
        self._cache.set(self.cache_key_prefix + session_key, DELETED, CACHE_SECONDS)
