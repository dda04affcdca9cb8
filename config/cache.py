"""The Redis cache backend: Django's own RedisCache that carries on when Redis does not.

Why: the cache only ever saves work. Every caller — Wagtail's site-root-paths lookup on
every page, the full-page cache, remembered search answers, rendered PDFs, the log-in
limit — must be served without it when Redis is down, closed or silent, and nothing of
that may reach a visitor as a 500 or a ten-second wait. Doing it here, once, covers
callers we do not own (Wagtail's) and any that come later.

- Short socket timeouts (REDIS_TIMEOUT_MS, 250 ms) and no retry on a timeout, so a Redis
  that accepts connections and never answers costs one short wait, not redis-py's default
  five seconds per call.
- A circuit breaker per Redis address and process (common/breaker.py): after a failure,
  calls do not touch the socket for REDIS_COOLDOWN_SECONDS; the outage is logged when the
  breaker opens, not once per call.
- While Redis is unusable, reads are misses (`get` gives the default, `get_many` {},
  `has_key` False) and writes do nothing (`add` False, `set_many` reports every key as not
  stored). `incr` answers `delta`, as if counting from nothing: counters such as
  django-axes' cache handler (`add`, then `incr` when `add` says the key exists) and the
  log-in throttle carry on rather than fail — they count nothing during an outage, which
  is why log-in limits should be kept in the database.
- When Redis answers again, `cache_came_back` is sent: invalidation tokens written during
  the outage were lost, so whatever they guard is forgotten then (config/apps.py).

django-redis's IGNORE_EXCEPTIONS was considered: it turns errors into misses and takes
socket timeouts, but it has no circuit breaker (each call waits its timeout against a silent
Redis), logs either nothing or every ignored call with its traceback, and swallows the
error where no breaker could see it. Django's built-in RedisCache plus this wrapper does the
whole job without a second Redis client library.
"""

import logging
import threading
from collections.abc import Callable
from typing import Any

from django.core.cache.backends.base import DEFAULT_TIMEOUT
from django.core.cache.backends.redis import RedisCache
from django.dispatch import Signal

from common.breaker import CircuitBreaker

logger = logging.getLogger("kyozai.cache")

DEFAULT_TIMEOUT_SECONDS = 0.25
DEFAULT_COOLDOWN_SECONDS = 30.0

# Sent (sender=the backend's class, location=its address) when Redis answers again after
# an outage.
cache_came_back = Signal()

_breakers: dict[str, CircuitBreaker] = {}
_breakers_lock = threading.Lock()


def breaker_for(location: str, cooldown: float = DEFAULT_COOLDOWN_SECONDS) -> CircuitBreaker:
    """One breaker per Redis address in each process: Django makes a cache object per
    thread, and every thread should learn from the first one's failure."""
    with _breakers_lock:
        if location not in _breakers:
            _breakers[location] = CircuitBreaker(
                name=f"Redis cache at {_without_password(location)}",
                cooldown=cooldown,
                logger=logger,
            )
        return _breakers[location]


def _without_password(location: str) -> str:
    scheme, _, rest = location.partition("://")
    return f"{scheme}://{rest.rpartition('@')[2]}" if rest else location


def redis_cache_settings(
    url: str,
    *,
    timeout: float = DEFAULT_TIMEOUT_SECONDS,
    cooldown: float = DEFAULT_COOLDOWN_SECONDS,
) -> dict[str, Any]:
    """The CACHES["default"] entry for a Redis at `url` (settings and tests share it)."""
    return {
        "BACKEND": "config.cache.ResilientRedisCache",
        "LOCATION": url,
        "KEY_PREFIX": "kyozai",
        "OPTIONS": {
            "socket_connect_timeout": timeout,
            "socket_timeout": timeout,
            "OUTAGE_COOLDOWN": cooldown,
        },
    }


def _no_retry_on_timeout():
    """Retry once when a pooled connection turns out to be closed (Redis restarted), never
    after a timeout: a silent Redis is waited for once, not again."""
    from redis.backoff import NoBackoff
    from redis.exceptions import ConnectionError as RedisConnectionError
    from redis.retry import Retry

    return Retry(NoBackoff(), 1, supported_errors=(RedisConnectionError,))


def _redis_errors() -> tuple[type[BaseException], ...]:
    from redis.exceptions import RedisError

    return (RedisError, OSError)


class ResilientRedisCache(RedisCache):
    def __init__(self, server, params):
        options = dict(params.get("OPTIONS") or {})
        cooldown = float(options.pop("OUTAGE_COOLDOWN", DEFAULT_COOLDOWN_SECONDS))
        options.setdefault("socket_connect_timeout", DEFAULT_TIMEOUT_SECONDS)
        options.setdefault("socket_timeout", DEFAULT_TIMEOUT_SECONDS)
        options.setdefault("retry", _no_retry_on_timeout())
        super().__init__(server, {**params, "OPTIONS": options})
        self.location = str(server)
        self.breaker = breaker_for(self.location, cooldown)
        self.errors = _redis_errors()

    def _call(self, method: Callable, *args, outage: Any = None, read: bool = False):
        """`method(*args)`, or `outage` when Redis cannot be used now.

        The call that ends an outage sends `cache_came_back`; if it was a read, its answer
        may predate the invalidations lost in the outage, so it is given as a miss."""
        if not self.breaker.allow():
            return outage
        try:
            result = method(*args)
        except self.errors as error:
            self.breaker.failed(error)
            return outage
        if self.breaker.succeeded():
            cache_came_back.send(sender=type(self), location=self.location)
            if read:
                return outage
        return result

    def get(self, key, default=None, version=None):
        return self._call(super().get, key, default, version, outage=default, read=True)

    def get_many(self, keys, version=None):
        return self._call(super().get_many, keys, version, outage={}, read=True)

    def has_key(self, key, version=None):
        return self._call(super().has_key, key, version, outage=False, read=True)

    def add(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().add, key, value, timeout, version, outage=False)

    def set(self, key, value, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set, key, value, timeout, version)

    def set_many(self, data, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().set_many, data, timeout, version, outage=list(data))

    def touch(self, key, timeout=DEFAULT_TIMEOUT, version=None):
        return self._call(super().touch, key, timeout, version, outage=False)

    def delete(self, key, version=None):
        return self._call(super().delete, key, version, outage=False)

    def delete_many(self, keys, version=None):
        return self._call(super().delete_many, keys, version)

    def clear(self):
        return self._call(super().clear)

    def incr(self, key, delta=1, version=None):
        return self._call(super().incr, key, delta, version, outage=delta)
