"""Keys, the generation token and the cached entries themselves.

An entry is a small dict (status, headers, body, generation) rather than a pickled
HttpResponse: it survives Django upgrades in Redis and holds nothing request-specific.
"""

import hashlib
import uuid

from django.conf import settings
from django.core.cache import cache
from django.http import HttpRequest, HttpResponse

GENERATION_KEY = "page-cache:generation"
ENTRY_PREFIX = "page-cache:entry:"
HEADER = "X-Kyozai-Cache"
# Headers never replayed from the cache: they belong to one response only.
PER_RESPONSE_HEADERS = {HEADER.lower(), "set-cookie", "date", "content-length"}


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
    trip. (None, None) when the cache cannot be reached (config/cache.py answers every
    call as a miss then): the page is served fresh and not stored."""
    found = cache.get_many([GENERATION_KEY, key])
    generation = found.get(GENERATION_KEY)
    if generation is None:
        # First use, or the token was evicted: a fresh token can match no old entry.
        cache.add(GENERATION_KEY, new_generation(), None)
        return cache.get(GENERATION_KEY), None
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
    cache.set(key, entry, timeout())


def replay(entry: dict) -> HttpResponse:
    response = HttpResponse(entry["content"], status=entry["status"])
    for name, value in entry["headers"]:
        response[name] = value
    return response


def invalidate_all() -> None:
    """Every cached page goes stale at once: the generation token changes. A change made
    while Redis is unreachable is made up for when it answers again (config/apps.py)."""
    cache.set(GENERATION_KEY, new_generation(), None)
