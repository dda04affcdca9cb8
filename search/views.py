"""The search page (/search/) and the header box's suggestions (/search/suggest/).

One GET form holds the words, the facet checkboxes, the time limit and the sort, so the
page works without JavaScript (the Search and Apply buttons submit it). With htmx, ticking
a box or changing the sort fetches only the results region (facets with fresh counts,
results, pagination) and pushes the URL, so Back and bookmarks work.
"""

from dataclasses import dataclass
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from .errors import InvalidSearch
from .facets import FACET_TITLES, FILTER_KEYS, TYPE_LABELS
from .request import SORTS
from .results import FacetValue, Hit, Results
from .service import search, suggest
from .text.tokens import MAX_QUERY_LENGTH

PAGE_SIZE = 20
SORT_LABELS = {
    "relevance": _("Best match"),
    "newest": _("Newest"),
    "most_used": _("Most used in class"),
}


@dataclass
class HitView:
    """A hit with the labels the result list shows."""

    hit: Hit
    type_label: str
    grade_labels: list[str]


@dataclass
class FacetView:
    name: str
    title: str
    values: list[FacetValue]


def _filters_from(params: QueryDict) -> dict[str, list[str]]:
    return {key: params.getlist(key) for key in FILTER_KEYS if any(params.getlist(key))}


def _clean_params(query: str, results: Results | None, sort: str) -> QueryDict:
    """The search as it was answered (bad values left out), to build links from."""
    params = QueryDict(mutable=True)
    if query:
        params["q"] = query
    for key, values in results.filters.items() if results else []:
        params.setlist(key, values)
    if sort != "relevance":
        params["sort"] = sort
    return params


def _url_without(params: QueryDict, key: str, value: str) -> str:
    """The current search with one filter value taken away (back to page 1)."""
    pairs = [
        (name, item)
        for name, items in params.lists()
        for item in items
        if not (name == key and item == value)
    ]
    return "?" + urlencode(pairs)


def _page_url(params: QueryDict, page: int) -> str:
    pairs = [(name, item) for name, items in params.lists() for item in items]
    return "?" + urlencode([*pairs, ("page", page)])


def _labels(results: Results) -> dict[str, dict[str, str]]:
    return {
        facet: {value.value: value.label for value in values}
        for facet, values in results.facets.items()
    }


def _run(query: str, params: QueryDict) -> tuple[Results | None, str, list[str]]:
    """Search; on a bad parameter, say so and search again without it, so the teacher
    still gets results for what they typed. Returns (results, error, dropped params)."""
    filters = _filters_from(params)
    sort = params.get("sort") or "relevance"
    page = params.get("page") or 1
    dropped: list[str] = []
    error = ""
    for _attempt in range(len(FILTER_KEYS) + 3):
        try:
            return search(query, filters, sort, page, PAGE_SIZE), error, dropped
        except InvalidSearch as invalid:
            title = FACET_TITLES.get(invalid.param)
            error = error or (f"{title}: {invalid.message}" if title else invalid.message)
            dropped.append(invalid.param)
            if invalid.param in filters:
                kept = [v for v in filters.pop(invalid.param) if v.strip() != invalid.value]
                if invalid.value is not None and kept:
                    filters[invalid.param] = kept
            elif invalid.param == "sort":
                sort = "relevance"
            elif invalid.param == "page":
                page = 1
            else:
                return None, error, dropped
    return None, error, dropped


@require_GET
@vary_on_headers("HX-Request")
def search_page(request: HttpRequest) -> HttpResponse:
    raw_query = request.GET.get("q", "")
    query = " ".join(raw_query.split())
    shortened = len(query) > MAX_QUERY_LENGTH
    query = query[:MAX_QUERY_LENGTH]
    results, error, _dropped = _run(query, request.GET)
    labels = _labels(results) if results else {}
    sort = request.GET.get("sort") if request.GET.get("sort") in SORTS else "relevance"
    params = _clean_params(query, results, sort)
    context = {
        "search_query": query,
        "shortened": shortened,
        "max_query_length": MAX_QUERY_LENGTH,
        "results": results,
        "error": error,
        "sort": sort,
        "sorts": [(value, SORT_LABELS[value]) for value in SORTS],
        "max_minutes": (results.filters.get("max_minutes") or [""])[0] if results else "",
        "hits": [
            HitView(
                hit=hit,
                type_label=str(TYPE_LABELS.get(hit.type, hit.type)),
                grade_labels=[labels.get("grade", {}).get(code, code) for code in hit.grades],
            )
            for hit in (results.hits if results else [])
        ],
        "facets": [
            FacetView(name, str(FACET_TITLES[name]), values)
            for name, values in (results.facets.items() if results else [])
            if values
        ],
        "selected": [
            (str(FACET_TITLES[facet]), value, _url_without(params, facet, value.value))
            for facet, value in (results.selected if results else [])
        ],
        "clear_url": "?" + urlencode({"q": query}) if query else "?",
        "previous_url": _page_url(params, results.page - 1) if results else "",
        "next_url": _page_url(params, results.page + 1) if results else "",
        "first_number": (results.page - 1) * results.page_size + 1 if results else 1,
        "htmx": request.headers.get("HX-Request") == "true",
    }
    template = "search/_results.html" if context["htmx"] else "search/search.html"
    status = 400 if error and not context["htmx"] else 200
    return render(request, template, context, status=status)


# The GET parameters the search page reads; the full-page cache keys and renders the page
# with these alone (config/page_cache/query.py).
search_page.query_parameters = ("q", *FILTER_KEYS, "sort", "page")


@require_GET
def suggest_titles(request: HttpRequest) -> HttpResponse:
    """The header box's suggestions as an HTML fragment (htmx swaps it in)."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    found = suggest(query) if query else []
    return render(request, "search/_suggestions.html", {"suggestions": found, "query": query})
