"""The Redis cache (intersessional/cache.py) on the real Redis that make test starts."""

import os

import pytest

from intersessional.cache import RedisCache, _ReusedClient


@pytest.fixture
def redis_cache():
    url = os.environ.get("TEST_REDIS_URL")
    if not url:
        pytest.skip("TEST_REDIS_URL is set by scripts/test.sh")
    cache = RedisCache(url, {"KEY_PREFIX": "test-cache", "OPTIONS": {"socket_timeout": 1}})
    yield cache
    cache.clear()


def test_the_cache_reads_and_counts_through_one_client(redis_cache):
    assert redis_cache.add("hits", 0, timeout=30)
    assert redis_cache.incr("hits") == 1
    assert redis_cache.incr("hits") == 2
    redis_cache.set("page", ("<p>body</p>", "text/html"), 30)

    assert isinstance(redis_cache._cache, _ReusedClient)
    assert redis_cache.get("hits") == 2
    assert redis_cache.get("page") == ("<p>body</p>", "text/html")
    client = redis_cache._cache.get_client(write=True)
    assert redis_cache._cache.get_client() is client
    assert redis_cache._cache.get_client(write=False) is client
