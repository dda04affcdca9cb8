"""The one way into search: `search(...)`, `answer(request)` and `suggest(...)`.

Callers (the search page, the JSON API, the lesson builder) never choose or see a backend,
apart from `Results.backend`: search/backends/ chooses, and answers from the database when
the cluster cannot. A request is built once (search/request.py): strictly by `search()`,
leniently by the search page, which then asks `answer()`.
"""

from . import backends, cache
from .did_you_mean import correct_query
from .errors import InvalidSearch
from .facets import build_facets
from .request import SearchRequest, build_request, clean_query
from .results import Results, Suggestion

SUGGESTION_LIMIT = 8
MIN_SUGGEST_LENGTH = 1

__all__ = ["InvalidSearch", "Suggestion", "answer", "search", "suggest"]


def search(
    query: str = "",
    filters: dict[str, list[str]] | None = None,
    sort: str = "relevance",
    page: int = 1,
    page_size: int = 20,
    expand: object = True,
) -> Results:
    """Live library pages matching `query` (English or Japanese; empty = all), narrowed by
    `filters` (library/filters.py: type, grade, skill, activity_type, textbook, unit,
    duration, max_minutes; values ORed within a key, keys ANDed), with facet counts.

    `expand` (on by default) widens the query into the other language (病院 also finds
    "hospital"); the terms it added are `Results.expanded`.

    Raises InvalidSearch(param, message) for the first parameter it cannot use."""
    request, _dropped = build_request(query, filters, sort, page, page_size, expand=expand)
    return answer(request)


def answer(request: SearchRequest) -> Results:
    """The answer to a checked request, remembered for whoever asks the same next."""
    return cache.remembered(
        request.cache_parts(), lambda: _answer_or_retry(request), worth_keeping=_not_a_fallback
    )


def _not_a_fallback(results: Results) -> bool:
    """The database's answer while the cluster is down is not remembered: once the cluster
    is back (after the breaker's cool-down) it answers again."""
    return not (backends.cluster_configured() and results.backend == backends.DATABASE.name)


def _answer_or_retry(request: SearchRequest) -> Results:
    """No dead ends, in this order (docs/architecture.md §4):

    1. the pages having every word as typed;
    2. else, when a word looks misspelt, the pages having every word of the corrected
       spelling ("did you mean") — a typo is the likeliest reason nothing has every word,
       and the correction keeps every word the teacher meant;
    3. else, with two words or more, the pages having most of the words as typed, ranked
       by how many and where (`Results.partial`; the words no page has are
       `missing_terms`, the misspelt one among them).
    """
    results = _answer(request)
    if results.total or not request.query or not request.parsed:
        return results
    corrected = correct_query(request.query, request.parsed)
    if corrected and corrected.lower() != request.query.lower():
        retry = _answer(request.with_query(corrected))
        if retry.total:
            retry.query = request.query
            retry.suggestion = corrected
            return retry
    if len(request.parsed.parts) > 1:
        most = _answer(request.with_most_words())
        if most.total:
            most.partial = True
            return most
    return results


def _answer(request: SearchRequest) -> Results:
    matches = backends.reader().search(request)
    terms = [part.surface for part in request.parsed.parts] if request.query else []
    return Results(
        hits=matches.hits,
        facets=build_facets(request.checked_vocabulary(), matches.counts, request.filters),
        total=matches.total,
        page=request.page,
        page_size=request.page_size,
        backend=matches.backend,
        query=request.query,
        filters=request.filters_as_lists(),
        terms=terms,
        missing_terms=matches.missing_terms,
        expanded=request.parsed.expanded if request.query else [],
    )


def suggest(prefix: str, limit: int = SUGGESTION_LIMIT) -> list[Suggestion]:
    """Titles (English or Japanese) for what has been typed so far."""
    text = clean_query(prefix)
    if len(text) < MIN_SUGGEST_LENGTH:
        return []
    return backends.reader().suggest(text, limit)
