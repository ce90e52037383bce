"""The cache as production configures it (Django's Redis backend, settings.py's
options) on the real Redis that make test starts: the rate limit's counts and the
page cache's entries."""

import os

import pytest
from django.core.cache.backends.redis import RedisCache


@pytest.fixture
def redis_cache():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is set by scripts/test.sh")
    cache = RedisCache(url, {"KEY_PREFIX": "test-cache", "OPTIONS": {"socket_timeout": 1}})
    yield cache
    cache.clear()


def test_the_cache_counts_and_keeps_pages(redis_cache):
    assert redis_cache.add("hits", 0, timeout=30)
    assert not redis_cache.add("hits", 5, timeout=30)
    assert redis_cache.incr("hits") == 1
    assert redis_cache.incr("hits") == 2
    redis_cache.set("page", ("<p>body</p>", "text/html"), 30)

    assert redis_cache.get("hits") == 2
    assert redis_cache.get("page") == ("<p>body</p>", "text/html")


def test_the_rate_limit_counts_in_one_round_trip_on_redis(settings):
    """intersessional.ratelimit.hit on the Redis cache: INCR and EXPIRE pipelined, the
    count shared by every process, the window's key expiring after it."""
    import redis
    from django.core.cache import caches

    from intersessional import ratelimit

    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is set by scripts/test.sh")
    settings.CACHES = {
        **settings.CACHES,
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": url,
            "KEY_PREFIX": "test-ratelimit",
            "OPTIONS": {"socket_timeout": 1},
        },
    }
    caches["default"].clear()

    counts = [ratelimit.hit("192.0.2.7", limit=2, window=60) for _ in range(3)]

    assert [allowed for allowed, _retry in counts] == [True, True, False]
    [key] = redis.Redis.from_url(url).keys("test-ratelimit:*ratelimit*")
    assert 60 < redis.Redis.from_url(url).ttl(key) <= 65
    caches["default"].clear()
