"""The search page (/search/) and the header box's suggestions (/search/suggest/).

One GET form holds the words, the facet checkboxes, the time limit and the sort, so the
page works without JavaScript (the Search and Apply buttons submit it). With htmx, ticking
a box or changing the sort fetches only the results region (facets with fresh counts,
results, pagination) and pushes the URL, so Back and bookmarks work.
"""

from dataclasses import dataclass, field
from urllib.parse import urlencode

from django.http import HttpRequest, HttpResponse, QueryDict
from django.shortcuts import render
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_GET
from django.views.decorators.vary import vary_on_headers

from library.filters import FILTERS, PAGE_TYPES, InvalidFilter
from library.models import LibraryPage
from library.previews import first_preview_url

from .facets import with_empty_values
from .request import FILTER_KEYS, SORTS, BuiltRequest, build_request
from .results import FacetValue, Hit, Results, Why
from .service import answer, suggest
from .text.tokens import MAX_QUERY_LENGTH

PAGE_SIZE = 20
SORT_LABELS = {
    "relevance": _("Best match"),
    "newest": _("Newest"),
    "most_used": _("Most used in class"),
}


# Where a word matched, in the teacher's words (search/results.py MATCH_FIELDS).
FIELD_LABELS = {
    "title": _("title"),
    "summary": _("summary"),
    "keywords": _("tags and topics"),
    "body": _("page text"),
    "file": _("a file"),
    "reading": _("a reading in kana"),
}


@dataclass
class WhyLine:
    """One word of "why it matched": the word, where it is, whether it is a translation."""

    term: str
    places: str
    translation: bool


def why_lines(why: Why) -> list[WhyLine]:
    return [
        WhyLine(
            term=match.term,
            places=", ".join(str(FIELD_LABELS.get(name, name)) for name in match.fields),
            translation=match.translation,
        )
        for match in why.terms
    ]


@dataclass
class HitView:
    """A hit with the labels the result list shows."""

    hit: Hit
    type_label: str
    grade_labels: list[str]
    # From the page itself, as its card in a listing shows them: its textbook units
    # (each links to its unit page) and the first page of its first file, if previewed.
    units: list = field(default_factory=list)
    thumbnail_url: str = ""
    # "Why it matched", one line per word (empty without words).
    why: list[WhyLine] = field(default_factory=list)


@dataclass
class FacetView:
    name: str
    title: str
    values: list[FacetValue]


def _filters_from(params: QueryDict) -> dict[str, list[str]]:
    return {key: params.getlist(key) for key in FILTER_KEYS if any(params.getlist(key))}


def _ignored(dropped: list[InvalidFilter]) -> list[str]:
    """What the page left out, in the teacher's words ("Grade: Unknown value “XYZ”.").
    A query cut to length is not among them: the page says so beside the box."""
    return [
        f"{FILTERS[item.param].title}: {item.message}" if item.param in FILTERS else item.message
        for item in dropped
        if item.param != "q"
    ]


def _clean_params(query: str, results: Results, sort: str) -> QueryDict:
    """The search as it was answered (bad values left out), to build links from."""
    params = QueryDict(mutable=True)
    if query:
        params["q"] = query
    for key, values in results.filters.items():
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


def _cards(page_ids: list[int]) -> dict[int, LibraryPage]:
    """The hits' pages with what a card shows (units, first file's preview), in a fixed
    number of queries. Only live, public pages: a hit is one, and stays one here."""
    if not page_ids:
        return {}
    pages = LibraryPage.objects.visible_to(None).filter(pk__in=page_ids).with_card_data()
    return {page.pk: page for page in pages}


def _thumbnail_url(page: LibraryPage | None) -> str:
    return first_preview_url(page) if page is not None else ""


def _hits(results: Results) -> list[HitView]:
    grades = {value.value: value.label for value in results.facets.get("grade", [])}
    cards = _cards([hit.page_id for hit in results.hits])
    return [
        HitView(
            hit=hit,
            type_label=str(PAGE_TYPES.get(hit.type, hit.type)),
            grade_labels=[grades.get(code, code) for code in hit.grades],
            units=list(cards[hit.page_id].textbook_units.all()) if hit.page_id in cards else [],
            thumbnail_url=_thumbnail_url(cards.get(hit.page_id)),
            why=why_lines(hit.why),
        )
        for hit in results.hits
    ]


def _filter_views(built: BuiltRequest, results: Results, params: QueryDict) -> dict:
    """The facets with every value (those without results disabled), and the chips of
    those in use."""
    request = built.request
    facets = with_empty_values(request.checked_vocabulary(), results.facets, request.filters)
    return {
        "facets": [
            FacetView(name, str(FILTERS[name].title), values)
            for name, values in facets.items()
            if values
        ],
        "selected": [
            (str(FILTERS[facet].title), value, _url_without(params, facet, value.value))
            for facet, value in results.selected
        ],
        "max_minutes": (results.filters.get("max_minutes") or [""])[0],
    }


def _paging(results: Results, params: QueryDict) -> dict:
    return {
        "previous_url": _page_url(params, results.page - 1),
        "next_url": _page_url(params, results.page + 1),
        "first_number": (results.page - 1) * results.page_size + 1,
    }


def page_context(built: BuiltRequest, results: Results) -> dict:
    """Everything the page shows for a search built leniently and its answer."""
    request = built.request
    params = _clean_params(request.query, results, request.sort)
    return {
        "search_query": request.query,
        "shortened": any(item.param == "q" for item in built.dropped),
        "max_query_length": MAX_QUERY_LENGTH,
        "results": results,
        "ignored": _ignored(built.dropped),
        "sort": request.sort,
        "sorts": [(value, SORT_LABELS[value]) for value in SORTS],
        "hits": _hits(results),
        "partial_words": ", ".join(f"“{term}”" for term in results.terms),
        "missing_words": ", ".join(f"“{term}”" for term in results.missing_terms),
        **_filter_views(built, results, params),
        "clear_url": "?" + urlencode({"q": request.query}) if request.query else "?",
        **_paging(results, params),
    }


@require_GET
@vary_on_headers("HX-Request")
def search_page(request: HttpRequest) -> HttpResponse:
    """Results for what the teacher asked, always: a parameter that cannot be used is left
    out and named (the answer is then a 400, so that no cache keeps it)."""
    params = request.GET
    built = build_request(
        params.get("q", ""),
        _filters_from(params),
        params.get("sort"),
        params.get("page"),
        PAGE_SIZE,
        lenient=True,
        expand=params.get("expand"),
    )
    context = page_context(built, answer(built.request))
    context["htmx"] = request.headers.get("HX-Request") == "true"
    template = "search/_results.html" if context["htmx"] else "search/search.html"
    status = 400 if context["ignored"] and not context["htmx"] else 200
    return render(request, template, context, status=status)


# The GET parameters the search page reads; the full-page cache keys and renders the page
# with these alone (config/page_cache/query.py).
search_page.query_parameters = ("q", *FILTER_KEYS, "sort", "page", "expand")


@require_GET
def suggest_titles(request: HttpRequest) -> HttpResponse:
    """The header box's suggestions as an HTML fragment (htmx swaps it in)."""
    query = " ".join(request.GET.get("q", "").split())[:MAX_QUERY_LENGTH]
    found = suggest(query) if query else []
    return render(request, "search/_suggestions.html", {"suggestions": found, "query": query})
