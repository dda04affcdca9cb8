"""Remembered answers: the same search asked again is answered from Django's cache.

Why: teachers ask the same few things ("bingo", 天気, a grade's games) all day, and the
costly part of an answer — counting every facet over every match — does not depend on who
asks. Results hold only what the public index holds (live, public pages), so one answer
serves the search page, the JSON API and the lesson builder's inline search alike.

A value is remembered under parts that describe the question (for a search, the request as
checked: search/request.py `SearchRequest.cache_parts`) and the active language (facet
labels are translated). Every write to the index — publish, unpublish, move, delete, a
class use, a renamed grade, a rebuild — replaces a version token that is part of every
key, so a changed library is never answered from memory; KYOZAI_SEARCH_CACHE_SECONDS (0
turns this off) bounds the rest. With several worker processes the cache must be shared
(REDIS_URL) for a publish in one worker to reach the others: production settings turn
this off without it.

This module knows nothing of searches: the rest of search/ imports it, never the reverse.
"""

import hashlib
import json
import logging
import uuid
from collections.abc import Callable
from typing import TypeVar

from django.conf import settings
from django.core.cache import cache
from django.utils import translation

logger = logging.getLogger("kyozai.search")

VERSION_KEY = "search:answers:version"
ANSWER_PREFIX = "search:answers:"

try:  # the Redis client is a dependency, but the cache may be configured without it
    from redis.exceptions import RedisError

    CACHE_ERRORS: tuple[type[Exception], ...] = (OSError, RedisError)
except ImportError:  # pragma: no cover
    CACHE_ERRORS = (OSError,)

Value = TypeVar("Value")


def _seconds() -> int:
    return getattr(settings, "KYOZAI_SEARCH_CACHE_SECONDS", 0)


def _key(version: str, parts: list) -> str:
    """A key for `parts` in the active language (labels are translated) and index version."""
    language = translation.get_language() or settings.LANGUAGE_CODE
    described = json.dumps([language, *parts], ensure_ascii=False)
    return ANSWER_PREFIX + hashlib.sha256(f"{version}|{described}".encode()).hexdigest()


def _version() -> str:
    version = cache.get(VERSION_KEY)
    if version is None:
        cache.add(VERSION_KEY, uuid.uuid4().hex, None)
        version = cache.get(VERSION_KEY)
    return version


def enabled() -> bool:
    """Are answers remembered at all (KYOZAI_SEARCH_CACHE_SECONDS > 0)?"""
    return _seconds() > 0


def remembered(
    parts: list,
    answer: Callable[[], Value],
    worth_keeping: Callable[[Value], bool] = lambda value: True,
) -> Value:
    """The value remembered under `parts`, or `answer()` (then remembered if it is
    `worth_keeping`). If the cache cannot be reached the value is computed fresh and a
    warning logged."""
    if _seconds() <= 0:
        return answer()
    try:
        key = _key(_version(), parts)
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
