"""Remembered answers: the same search asked again is answered from Django's cache.

Why: teachers ask the same few things ("bingo", 天気, a grade's games) all day, and the
costly part of an answer — counting every facet over every match — does not depend on who
asks. Results hold only what the public index holds (live, public pages), so one answer
serves the search page, the JSON API and the lesson builder's inline search alike.

An answer is remembered under the normalised request (the query as cleaned, the filters
sorted, sort, page and size) and the active language (facet labels are translated).
Every write to the index — publish, unpublish, move, delete, a class use, a renamed grade,
a rebuild — replaces a version token that is part of every key, so a changed library is
never answered from memory; KYOZAI_SEARCH_CACHE_SECONDS (0 turns this off) bounds the rest.
With several worker processes the cache must be shared (REDIS_URL) for a publish in one
worker to reach the others: production settings turn this off without it.
"""

import hashlib
import json
import logging
import uuid
from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

if TYPE_CHECKING:  # request.py asks this module for the vocabulary
    from .facets import Vocabulary
    from .request import SearchRequest
    from .results import Results

logger = logging.getLogger("kyozai.search")

VERSION_KEY = "search:answers:version"
ANSWER_PREFIX = "search:answers:"

try:  # the Redis client is a dependency, but the cache may be configured without it
    from redis.exceptions import RedisError

    CACHE_ERRORS: tuple[type[Exception], ...] = (OSError, RedisError)
except ImportError:  # pragma: no cover
    CACHE_ERRORS = (OSError,)


def _seconds() -> int:
    return getattr(settings, "KYOZAI_SEARCH_CACHE_SECONDS", 0)


def _key(version: str, *parts: object) -> str:
    """A key for `parts` in the active language (labels are translated) and index version."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    described = json.dumps([language, *parts], ensure_ascii=False)
    return ANSWER_PREFIX + hashlib.sha256(f"{version}|{described}".encode()).hexdigest()


def _request_parts(request: "SearchRequest") -> list:
    return [
        "results",
        request.query,
        sorted((facet, sorted(values)) for facet, values in request.filters.items()),
        request.max_minutes,
        request.sort,
        request.page,
        request.page_size,
    ]


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def remembered(
    request: "SearchRequest",
    answer: Callable[[], "Results"],
    worth_keeping: Callable[["Results"], bool] = lambda results: True,
) -> "Results":
    """The remembered answer to `request`, or `answer()` (then remembered if it is
    `worth_keeping`)."""
    return _remembered(_request_parts(request), answer, worth_keeping)


def remembered_vocabulary(
    unit_ids: Iterable[str], series_ids: Iterable[str], load: Callable[[], "Vocabulary"]
) -> "Vocabulary":
    """The facet vocabulary (grade, skill… names in both languages) that every search is
    checked against: a handful of queries per search otherwise. A renamed grade re-indexes
    its pages, which forgets this too."""
    return _remembered(["vocabulary", sorted(unit_ids), sorted(series_ids)], load)


def _remembered(parts: list, answer: Callable, worth_keeping=lambda value: True):
    """If the cache cannot be reached the value is computed fresh and a warning logged."""
    if _seconds() <= 0:
        return answer()
    try:
        key = _key(_version(), *parts)
        found = cache.get(key)
    except CACHE_ERRORS as error:
        logger.warning("search answers cache unavailable: %s", error)
        return answer()
    if found is not None:
        return found
    value = answer()
    if not worth_keeping(value):
        return value
    try:
        cache.set(key, value, _seconds())
    except CACHE_ERRORS as error:
        logger.warning("search answers cache unavailable: %s", error)
    return value


def forget_all() -> None:
    """The index changed: no remembered answer may be given again."""
    try:
        cache.set(VERSION_KEY, uuid.uuid4().hex, None)
    except CACHE_ERRORS as error:  # pragma: no cover - answers expire anyway
        logger.error("search answers could not be forgotten: %s", error)
