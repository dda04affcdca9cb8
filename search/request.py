"""Checking a search request before any backend sees it.

Every way into search (the page, the JSON API, the lesson builder) passes through here, so
"page=abc" or an unknown grade code is refused once, with the parameter's name, and the
backends only ever see clean values.
"""

import unicodedata
from collections.abc import Iterable
from dataclasses import dataclass, field

from django.utils.translation import gettext as _

from library.models.pages import MAX_DURATION_MINUTES

from . import cache
from .errors import InvalidSearch
from .facets import FACETS, FILTER_KEYS, Vocabulary, load_vocabulary
from .text.tokens import MAX_QUERY_LENGTH

SORTS = ("relevance", "newest", "most_used")
MAX_PAGE_SIZE = 100
# Elasticsearch's default max_result_window; the database backend keeps the same limit so
# that both answer the same requests.
MAX_RESULT_WINDOW = 10_000
MAX_VALUES_PER_FILTER = 50


@dataclass(frozen=True)
class SearchRequest:
    query: str = ""
    filters: dict[str, tuple[str, ...]] = field(default_factory=dict)
    max_minutes: int | None = None
    sort: str = "relevance"
    page: int = 1
    page_size: int = 20

    @property
    def offset(self) -> int:
        return (self.page - 1) * self.page_size

    def with_query(self, query: str) -> "SearchRequest":
        return SearchRequest(
            query, self.filters, self.max_minutes, self.sort, self.page, self.page_size
        )

    def filters_as_lists(self) -> dict[str, list[str]]:
        """The filters as the contract spells them, max_minutes included."""
        out = {facet: list(values) for facet, values in self.filters.items() if values}
        if self.max_minutes is not None:
            out["max_minutes"] = [str(self.max_minutes)]
        return out


def clean_query(query: object) -> str:
    if query is None:
        return ""
    if not isinstance(query, str):
        raise InvalidSearch("q", _("The search words must be text."))
    # Control characters (NUL among them) mean nothing in a search and PostgreSQL refuses
    # NUL outright; they are dropped rather than refused.
    text = "".join(c for c in query if unicodedata.category(c) != "Cc" or c in "\t\n")
    text = " ".join(text.split())
    if len(text) > MAX_QUERY_LENGTH:
        raise InvalidSearch(
            "q",
            _("The search is too long: %(length)d characters, at most %(limit)d.")
            % {"length": len(text), "limit": MAX_QUERY_LENGTH},
        )
    return text


def whole_number(param: str, value: object, lowest: int, highest: int) -> int:
    if isinstance(value, bool):
        raise InvalidSearch(param, _("Must be a whole number."))
    if isinstance(value, str):
        value = value.strip()
        if not value.isascii() or not value.lstrip("-").isdigit():
            raise InvalidSearch(
                param, _("Must be a whole number, not “%(value)s”.") % {"value": value[:20]}
            )
    try:
        number = int(value)  # type: ignore[call-overload]
    except (TypeError, ValueError):
        raise InvalidSearch(param, _("Must be a whole number.")) from None
    if not lowest <= number <= highest:
        raise InvalidSearch(
            param,
            _("Must be between %(lowest)d and %(highest)d.")
            % {"lowest": lowest, "highest": highest},
        )
    return number


def _values(param: str, raw: object) -> list[str]:
    if raw is None:
        return []
    if isinstance(raw, str | int):
        raw = [raw]
    if not isinstance(raw, Iterable):
        raise InvalidSearch(param, _("Must be a list of values."))
    values = [str(v).strip() for v in raw if v is not None and str(v).strip()]
    if len(values) > MAX_VALUES_PER_FILTER:
        raise InvalidSearch(param, _("Too many values."))
    return list(dict.fromkeys(values))


def build_request(
    query: object = "",
    filters: dict[str, Iterable[str]] | None = None,
    sort: object = "relevance",
    page: object = 1,
    page_size: object = 20,
) -> tuple[SearchRequest, Vocabulary]:
    """A checked SearchRequest and the facet vocabulary it was checked against (the
    backends reuse it for labels). Raises InvalidSearch naming the first bad parameter."""
    text = clean_query(query)
    raw_filters = dict(filters or {})
    for key in raw_filters:
        if key not in FILTER_KEYS:
            raise InvalidSearch(key, _("Unknown filter “%(name)s”.") % {"name": str(key)[:40]})
    values = {key: _values(key, raw_filters.get(key)) for key in FILTER_KEYS}

    max_minutes = None
    if values["max_minutes"]:
        if len(values["max_minutes"]) > 1:
            raise InvalidSearch("max_minutes", _("Give one number of minutes."))
        max_minutes = whole_number("max_minutes", values["max_minutes"][0], 1, MAX_DURATION_MINUTES)

    for key in ("textbook", "unit"):
        for value in values[key]:
            if not value.isascii() or not value.isdigit():
                raise InvalidSearch(
                    key, _("Unknown value “%(value)s”.") % {"value": value[:40]}, value
                )
    vocabulary = cache.remembered_vocabulary(
        values["unit"],
        values["textbook"],
        lambda: load_vocabulary(values["unit"], values["textbook"]),
    )
    for facet in FACETS:
        for value in values[facet]:
            if not vocabulary.knows(facet, value):
                raise InvalidSearch(
                    facet, _("Unknown value “%(value)s”.") % {"value": value[:40]}, value
                )

    if sort in (None, ""):
        sort = "relevance"
    if sort not in SORTS:
        raise InvalidSearch(
            "sort", _("Sort by one of: %(choices)s.") % {"choices": ", ".join(SORTS)}
        )
    page_size_number = whole_number(
        "page_size", 20 if page_size in (None, "") else page_size, 1, MAX_PAGE_SIZE
    )
    page_number = whole_number("page", 1 if page in (None, "") else page, 1, MAX_RESULT_WINDOW)
    if page_number * page_size_number > MAX_RESULT_WINDOW:
        raise InvalidSearch(
            "page",
            _("Only the first %(limit)d results can be paged through; narrow the search.")
            % {"limit": MAX_RESULT_WINDOW},
        )
    request = SearchRequest(
        query=text,
        filters={facet: tuple(values[facet]) for facet in FACETS if values[facet]},
        max_minutes=max_minutes,
        sort=str(sort),
        page=page_number,
        page_size=page_size_number,
    )
    return request, vocabulary
