"""Django's Redis cache, with one Redis client per process instead of one per call.

Django's RedisCacheClient builds a new redis.Redis object for every cache call;
each one fills a table of some 500 response callbacks, about 0.15 ms of CPU. The
rate limit makes two calls per POST, so that was measurable on a registration
(see docs/performance.md). A redis.Redis object is safe to share between threads
and draws connections from the same pool either way.
"""

from django.core.cache.backends.redis import RedisCache as DjangoRedisCache
from django.core.cache.backends.redis import RedisCacheClient


class _ReusedClient(RedisCacheClient):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self._clients = {}

    def get_client(self, key=None, *, write=False):
        index = self._get_connection_pool_index(write)
        client = self._clients.get(index)
        if client is None:
            client = self._client(connection_pool=self._get_connection_pool(write))
            self._clients[index] = client
        return client


class RedisCache(DjangoRedisCache):
    def __init__(self, server, params):
        super().__init__(server, params)
        self._class = _ReusedClient
