"""Building a search request, once, before any backend sees it.

Every way into search (the page, the JSON API, the lesson builder) passes through
`build_request`, which checks each parameter one time and returns the request with what it
dropped. The filters are checked by the library's own definitions (library/filters.py), so
a search and a section listing accept the same values. Two modes of the one builder:

- strict (the API, the lesson builder): the first unusable parameter is refused with
  InvalidSearch naming it — a 400 for the API;
- lenient (the search page): unusable values are left out and listed, so the teacher gets
  results for the rest and is told what was ignored.

The query is parsed once, on the request (`SearchRequest.parsed`), and every backend, the
spelling correction and the highlighter use that one parse.
"""

import dataclasses
import unicodedata
from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field
from functools import cached_property
from typing import NamedTuple

from django.conf import settings
from django.db import connection
from django.utils.translation import get_language
from django.utils.translation import gettext as _

from library import filters as library_filters
from library.filters import FILTERS, InvalidFilter, Vocabulary, check_filters
from library.models.taxonomy import load_vocabulary

from . import cache
from .errors import InvalidSearch
from .models import SearchIndexVersion
from .text.tokens import MAX_QUERY_LENGTH, ParsedQuery, parse_query

SORTS = ("relevance", "newest", "most_used")
# How many of the words a result must have: every one (what a search asks first), or at
# least one, ranked by how many (what the service asks when no page has every word).
ALL_WORDS, MOST_WORDS = "all", "most"
MAX_PAGE_SIZE = 100
DEFAULT_PAGE_SIZE = 20
# Elasticsearch's default max_result_window; the database backend keeps the same limit so
# that both answer the same requests.
MAX_RESULT_WINDOW = 10_000
FILTER_KEYS = list(FILTERS)


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    # Facet filters (every filter but max_minutes), only those with values.
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_minutes: int | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = DEFAULT_PAGE_SIZE
    # Widen the query through the bilingual vocabulary (病院 → hospital): `expand=0` and the
    # KYOZAI_SEARCH_EXPAND setting turn it off.
    expand: bool = True
    # What the filters were checked against; the facets' labels come from it too.
    vocabulary: Vocabulary | None = field(default=None, compare=False, repr=False)
    # ALL_WORDS, or MOST_WORDS when the service falls back to partial matches (the service
    # decides; callers never set it, so it is not part of the cache key).
    match: str = ALL_WORDS

    @cached_property
    def parsed(self) -> ParsedQuery:
        """The query as search terms: parsed once per request, whoever asks."""
        return parse_query(self.query, expand=self.expand and settings.KYOZAI_SEARCH_EXPAND)

    @property
    def expanded(self) -> tuple[str, ...]:
        """Terms the bilingual expansion added to the query (病院 → "hospital", "doctor"),
        none with `expand` off; a result matching one of them says it matched "by
        translation" (search/why.py)."""
        return tuple(self.parsed.expanded) if self.query else ()

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def with_query(self, query: str) -> "SearchRequest":
        return dataclasses.replace(self, query=query)

    def with_most_words(self) -> "SearchRequest":
        """The same request, answered by pages having most (at least one) of the words."""
        return dataclasses.replace(self, match=MOST_WORDS)

    @property
    def most_words(self) -> bool:
        return self.match == MOST_WORDS

    def filters_as_lists(self) -> dict[str, list[str]]:
        """The filters as the contract spells them, max_minutes included."""
        out = {facet: list(values) for facet, values in self.filters.items() if values}
        if self.max_minutes is not None:
            out["max_minutes"] = [str(self.max_minutes)]
        return out

    def cache_parts(self) -> list:
        """The question this request asks, normalised (filters sorted), for search/cache.py."""
        return [
            "results",
            self.query,
            sorted((facet, sorted(values)) for facet, values in self.filters.items()),
            self.max_minutes,
            self.sort,
            self.page,
            self.page_size,
            self.expand,
        ]

    def checked_vocabulary(self) -> Vocabulary:
        """The vocabulary the request was checked against (loaded for a request made by
        hand, as tests and benchmarks make them)."""
        if self.vocabulary is not None:
            return self.vocabulary
        return vocabulary_for(self.filters.get("unit", ()), self.filters.get("textbook", ()))


class BuiltRequest(NamedTuple):
    request: SearchRequest
    # Each parameter left out, with why, in the order they were checked.
    dropped: list[InvalidFilter]


# The vocabularies this process has loaded: (database, language, units, series) →
# (index version token, vocabulary). Bounded: a few languages x the units people choose.
_vocabularies: dict[tuple, tuple[str, Vocabulary]] = {}
MAX_VOCABULARIES = 256


def vocabulary_for(unit_ids: Iterable[str], series_ids: Iterable[str]) -> Vocabulary:
    """The filters' vocabulary (grade, skill… names in both languages): a handful of
    queries otherwise. Remembered with the answers when they are (search/cache.py: no SQL
    at all for a question asked again); else kept by each process while the index
    version token (SearchIndexVersion) stays the same. Every taxonomy save changes both
    (search/indexing.py `taxonomy_changed`), as every index write does."""
    units, series = sorted(set(unit_ids)), sorted(set(series_ids))
    if cache.enabled():
        return cache.remembered(
            ["vocabulary-2", units, series], lambda: load_vocabulary(units, series)
        )
    token = SearchIndexVersion.objects.filter(pk=1).values_list("token", flat=True).first()
    key = (connection.alias, get_language(), tuple(units), tuple(series))
    kept = _vocabularies.get(key)
    if token is not None and kept is not None and kept[0] == token:
        return kept[1]
    vocabulary = load_vocabulary(units, series)
    if token is not None:
        if len(_vocabularies) >= MAX_VOCABULARIES:
            _vocabularies.clear()
        _vocabularies[key] = (token, vocabulary)
    return vocabulary


def checked_query(query: object) -> tuple[str, list[InvalidFilter]]:
    """The words, cleaned, and what was wrong with them. Control characters (NUL among
    them) mean nothing in a search and PostgreSQL refuses NUL outright: they are dropped
    silently. Text beyond the limit is cut off, and that is reported."""
    if query is None:
        return "", []
    if not isinstance(query, str):
        return "", [InvalidFilter("q", _("The search words must be text."))]
    text = "".join(c for c in query if unicodedata.category(c) != "Cc" or c in "\t\n")
    text = " ".join(text.split())
    if len(text) <= MAX_QUERY_LENGTH:
        return text, []
    too_long = InvalidFilter(
        "q",
        _("The search is too long: %(length)d characters, at most %(limit)d.")
        % {"length": len(text), "limit": MAX_QUERY_LENGTH},
    )
    return text[:MAX_QUERY_LENGTH].rstrip(), [too_long]


def whole_number(param: str, value: object, lowest: int, highest: int) -> int:
    """A whole number in [lowest, highest]; raises InvalidSearch naming `param`."""
    try:
        return library_filters.whole_number(param, value, lowest, highest)
    except InvalidFilter as refused:
        raise InvalidSearch.from_dropped(refused) from None


def clean_query(query: object) -> str:
    """The words, cleaned; raises InvalidSearch when they cannot be used as they are."""
    text, dropped = checked_query(query)
    if dropped:
        raise InvalidSearch.from_dropped(dropped[0])
    return text


def _checked_filters(raw: Mapping[str, object]) -> tuple[dict, int | None, Vocabulary, list]:
    """(facet filters, max_minutes, the vocabulary they were checked against, dropped):
    unknown names first, then each filter in turn."""
    dropped = [
        InvalidFilter(key, _("Unknown filter “%(name)s”.") % {"name": str(key)[:40]})
        for key in raw
        if key not in FILTERS
    ]
    vocabulary = vocabulary_for(_ids(raw.get("unit")), _ids(raw.get("textbook")))
    checked = check_filters(raw, vocabulary)
    values = dict(checked.values)
    minutes = values.pop("max_minutes", None)
    return values, int(minutes[0]) if minutes else None, vocabulary, dropped + checked.dropped


def _ids(raw: object) -> list[str]:
    """The ids among a textbook or unit parameter's values: the units to load labels for
    (anything else is unknown anyway, and stays out of the vocabulary's cache key)."""
    if isinstance(raw, str | int):
        raw = [raw]
    values = [str(value).strip() for value in raw] if isinstance(raw, Iterable) else []
    return [value for value in values if value.isascii() and value.isdigit()]


def _checked_sort(sort: object) -> tuple[str, list[InvalidFilter]]:
    if sort in (None, ""):
        return "relevance", []
    if sort in SORTS:
        return str(sort), []
    refused = InvalidFilter(
        "sort", _("Sort by one of: %(choices)s.") % {"choices": ", ".join(SORTS)}
    )
    return "relevance", [refused]


def _checked_number(param: str, value: object, default: int, highest: int) -> tuple[int, list]:
    if value in (None, ""):
        return default, []
    try:
        return library_filters.whole_number(param, value, 1, highest), []
    except InvalidFilter as refused:
        return default, [refused]


def _checked_paging(page: object, page_size: object) -> tuple[int, int, list]:
    size, dropped = _checked_number("page_size", page_size, DEFAULT_PAGE_SIZE, MAX_PAGE_SIZE)
    number, more = _checked_number("page", page, 1, MAX_RESULT_WINDOW)
    dropped += more
    if number * size > MAX_RESULT_WINDOW:
        dropped.append(
            InvalidFilter(
                "page",
                _("Only the first %(limit)d results can be paged through; narrow the search.")
                % {"limit": MAX_RESULT_WINDOW},
            )
        )
        number = 1
    return number, size, dropped


EXPAND_VALUES = {"1": True, "true": True, "yes": True, "on": True}
NO_EXPAND_VALUES = {"0": False, "false": False, "no": False, "off": False}


def _checked_expand(expand: object) -> tuple[bool, list[InvalidFilter]]:
    """`expand`: on unless 0/false/no/off."""
    if expand in (None, "") or expand is True:
        return True, []
    if expand is False:
        return False, []
    text = str(expand).strip().lower()
    if text in EXPAND_VALUES or text in NO_EXPAND_VALUES:
        return {**EXPAND_VALUES, **NO_EXPAND_VALUES}[text], []
    return True, [InvalidFilter("expand", _("Expand is 1 (on) or 0 (off)."))]


def build_request(
    query: object = "",
    filters: Mapping[str, object] | None = None,
    sort: object = "relevance",
    page: object = 1,
    page_size: object = DEFAULT_PAGE_SIZE,
    *,
    lenient: bool = False,
    expand: object = True,
) -> BuiltRequest:
    """The checked SearchRequest and what was dropped to make it. Strict (the default):
    raises InvalidSearch naming the first unusable parameter. Lenient: never raises."""
    text, dropped = checked_query(query)
    facets, max_minutes, vocabulary, more = _checked_filters(dict(filters or {}))
    dropped += more
    sort_by, more = _checked_sort(sort)
    dropped += more
    page_number, size, more = _checked_paging(page, page_size)
    dropped += more
    expanding, more = _checked_expand(expand)
    dropped += more
    if dropped and not lenient:
        raise InvalidSearch.from_dropped(dropped[0])
    request = SearchRequest(
        query=text,
        filters=facets,
        max_minutes=max_minutes,
        sort=sort_by,
        page=page_number,
        page_size=size,
        expand=expanding,
        vocabulary=vocabulary,
    )
    return BuiltRequest(request, dropped)
