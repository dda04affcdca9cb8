"""Keys, the generation token and the cached entries themselves.

An entry is a small dict (status, headers, body, generation) rather than a pickled
HttpResponse: it survives Django upgrades in Redis and holds nothing request-specific.
"""

import hashlib
import logging
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

logger = logging.getLogger("kyozai.page_cache")

GENERATION_KEY = "page-cache:generation"
ENTRY_PREFIX = "page-cache:entry:"
HEADER = "X-Kyozai-Cache"
# Headers never replayed from the cache: they belong to one response only.
PER_RESPONSE_HEADERS = {HEADER.lower(), "set-cookie", "date", "content-length"}

try:  # the Redis client is a dependency, but the cache may be configured without it
    from redis.exceptions import RedisError

    CACHE_ERRORS: tuple[type[Exception], ...] = (OSError, RedisError)
except ImportError:  # pragma: no cover
    CACHE_ERRORS = (OSError,)


def timeout() -> int:
    return settings.KYOZAI_PAGE_CACHE_SECONDS


def entry_key(request: HttpRequest) -> str:
    parts = "|".join(
        [
            request.scheme or "",
            request.get_host(),
            getattr(request, "LANGUAGE_CODE", settings.LANGUAGE_CODE),
            request.headers.get("HX-Request", ""),
            request.get_full_path(),
        ]
    )
    return ENTRY_PREFIX + hashlib.sha256(parts.encode()).hexdigest()


def new_generation() -> str:
    return uuid.uuid4().hex


def lookup(key: str) -> tuple[str | None, dict | None]:
    """The current generation and the entry for `key` if it belongs to it, in one round
    trip. (None, None) when the cache cannot be reached: the page is then served fresh."""
    try:
        found = cache.get_many([GENERATION_KEY, key])
        generation = found.get(GENERATION_KEY)
        if generation is None:
            # First use, or the token was evicted: a fresh token can match no old entry.
            cache.add(GENERATION_KEY, new_generation(), None)
            return cache.get(GENERATION_KEY), None
    except CACHE_ERRORS as error:
        logger.warning("page cache unavailable: %s", error)
        return None, None
    entry = found.get(key)
    if entry is None or entry.get("generation") != generation:
        return generation, None
    return generation, entry


def save(key: str, generation: str, response: HttpResponse) -> None:
    entry = {
        "generation": generation,
        "status": response.status_code,
        "headers": [
            (name, value)
            for name, value in response.headers.items()
            if name.lower() not in PER_RESPONSE_HEADERS
        ],
        "content": response.content,
    }
    try:
        cache.set(key, entry, timeout())
    except CACHE_ERRORS as error:
        logger.warning("page cache unavailable: %s", error)


def replay(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def invalidate_all() -> None:
    """Every cached page goes stale at once: the generation token changes."""
    try:
        cache.set(GENERATION_KEY, new_generation(), None)
    except CACHE_ERRORS as error:  # pragma: no cover - logged, entries expire anyway
        logger.error("page cache could not be invalidated: %s", error)
