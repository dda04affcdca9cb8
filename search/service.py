"""The one way into search: `search(...)` and `suggest(...)`.

Callers (the search page, the JSON API, the lesson builder) never choose or see a backend,
apart from `Results.backend`. With Elasticsearch configured the cluster answers; when it
cannot (down, slow, misconfigured) the database backend answers instead, a warning is
logged, and the circuit breaker keeps requests away from the cluster for a while.
"""

import logging
from collections.abc import Iterable
from dataclasses import dataclass

from . import cache
from .backends import database
from .backends import elasticsearch as cluster
from .did_you_mean import correct_query
from .errors import InvalidSearch
from .facets import Vocabulary
from .indexing import CLUSTER_ERRORS
from .request import SearchRequest, build_request, clean_query
from .results import Results
from .text.tokens import parse_query

logger = logging.getLogger("kyozai.search")

SUGGESTION_LIMIT = 8
MIN_SUGGEST_LENGTH = 1

__all__ = ["InvalidSearch", "Suggestion", "search", "suggest"]


def search(
    query: str = "",
    filters: dict[str, list[str]] | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = 20,
) -> Results:
    """Live library pages matching `query` (English or Japanese; empty = all), narrowed by
    `filters` (keys: type, grade, skill, activity_type, textbook, unit, duration,
    max_minutes; values ORed within a key, keys ANDed), with facet counts.

    Raises InvalidSearch(param, message) for anything it cannot answer."""
    request, vocabulary = build_request(query, filters, sort, page, page_size)
    return cache.remembered(
        request, lambda: _answer_or_retry(request, vocabulary), worth_keeping=_not_a_fallback
    )


def _not_a_fallback(results: Results) -> bool:
    """The database's answer while the cluster is down is not remembered: once the cluster
    is back (after the breaker's cool-down) it answers again."""
    return not (cluster.configured() and results.backend == database.NAME)


def _answer_or_retry(request: SearchRequest, vocabulary: Vocabulary) -> Results:
    """The answer; when it is empty, the answer to a corrected spelling if that has one."""
    results = _answer(request, vocabulary)
    if results.total == 0 and request.query:
        corrected = correct_query(request.query, parse_query(request.query))
        if corrected and corrected.lower() != request.query.lower():
            retry = _answer(request.with_query(corrected), vocabulary)
            if retry.total:
                retry.query = request.query
                retry.suggestion = corrected
                return retry
    return results


def _answer(request: SearchRequest, vocabulary: Vocabulary) -> Results:
    if cluster.configured() and cluster.breaker.allow():
        try:
            results = cluster.run(request, vocabulary)
        except CLUSTER_ERRORS as error:
            cluster.breaker.record_failure()
            logger.warning(
                "Search cluster unreachable; answering from the database for %s s: %s",
                cluster.breaker.cooldown_seconds,
                error,
            )
        else:
            cluster.breaker.record_success()
            return results
    return database.run(request, vocabulary)


@dataclass(frozen=True)
class Suggestion:
    title: str
    title_ja: str
    url: str
    type: str


def suggest(prefix: str, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
    """Titles (English or Japanese) for what has been typed so far."""
    text = clean_query(prefix)
    if len(text) < MIN_SUGGEST_LENGTH:
        return []
    if cluster.configured() and cluster.breaker.allow():
        try:
            found: Iterable = cluster.suggest(text, limit)
        except CLUSTER_ERRORS as error:
            cluster.breaker.record_failure()
            logger.warning("Search cluster unreachable for suggestions: %s", error)
        else:
            cluster.breaker.record_success()
            return [
                Suggestion(
                    s.get("title", ""), s.get("title_ja", ""), s.get("url", ""), s.get("kind", "")
                )
                for s in found
            ]
    return [
        Suggestion(document.title, document.title_ja, document.url, document.kind)
        for document in database.suggest(text, limit)
    ]
