"""Answering a search from the database index.

1. SQL (FTS5 on SQLite, tsvector on PostgreSQL) finds the matching pages, best first.
2. The matches become a bitmap over the in-memory doc values (docvalues.py).
3. Multi-select facets: a facet's counts come from the matches that pass every *other*
   facet's selection — for each facet, the AND of the other facets' bitmaps, then one
   AND + popcount per value. The results are the matches passing every selection.
4. A page of results is read off the chosen order (relevance from SQL, or the prebuilt
   newest / most-used orders), skipping pages filtered out — no sort of the whole set.

Only the shown page's text is read from SearchText, to build highlighted hits.
"""

from functools import reduce
from itertools import islice
from operator import and_, or_

from search.facets import FACETS
from search.hits import build_hits
from search.models import SearchText
from search.request import SearchRequest
from search.results import Hit, Matches
from search.text.tokens import ParsedQuery

from .docvalues import DocValues, doc_values
from .engines import matching_ids, ranked_matches, title_matches

NAME = "database"


def score_of(rank: float, in_title: bool) -> float:
    """Relevance in [0, 2): 1 for a title match, plus the text rank squashed into [0, 1)
    — the result order as one number for the API."""
    rank = max(float(rank or 0.0), 0.0)
    return (1.0 if in_title else 0.0) + rank / (1.0 + rank)


def _selection_bitmaps(values: DocValues, request: SearchRequest) -> dict[str, int]:
    """facet → documents having any of its selected values (values ORed)."""
    return {
        facet: reduce(or_, (values.bitmap(f"{facet}:{value}") for value in chosen), 0)
        for facet, chosen in request.filters.items()
        if chosen
    }


def count_facets(
    values: DocValues, matched: int, selections: dict[str, int], facets: list[str]
) -> dict[str, dict[str, int]]:
    counts: dict[str, dict[str, int]] = {}
    for facet in facets:
        others = [bitmap for name, bitmap in selections.items() if name != facet]
        base = reduce(and_, others, matched)
        counts[facet] = {
            key.partition(":")[2]: (base & values.bitmap(key)).bit_count()
            for key in values.keys_of(facet)
        }
    return counts


def _relevance_page(
    parsed: ParsedQuery, flags: bytes, values: DocValues, start: int, end: int
) -> tuple[list[int], dict[int, float]]:
    """The page ids for [start, end) in relevance order, and their scores: title matches
    first (ranked on the title), then the other matches (ranked on everything). The body
    matches are only ranked when the title matches do not fill the page."""
    ordinal = values.ordinal
    wanted: list[tuple[int, float]] = []
    seen_titles: set[int] = set()
    for page_id, rank in title_matches(parsed):
        seen_titles.add(page_id)
        position = ordinal.get(page_id)
        if position is not None and flags[position]:
            wanted.append((page_id, score_of(rank, True)))
            if len(wanted) >= end:
                break
    if len(wanted) < end:
        for page_id, rank in ranked_matches(parsed):
            position = ordinal.get(page_id)
            if page_id not in seen_titles and position is not None and flags[position]:
                wanted.append((page_id, score_of(rank, False)))
                if len(wanted) >= end:
                    break
    page = wanted[start:end]
    return [page_id for page_id, _score in page], dict(page)


def _matched(values: DocValues, request: SearchRequest) -> int:
    """The documents matching the words (all of them without words) and the time limit."""
    parsed = request.parsed
    if not request.query:
        matched = values.everything
    else:
        ids = matching_ids(parsed) if parsed else []
        # A page indexed after the doc values were read is left out this time.
        ordinals = [o for o in map(values.ordinal.get, ids) if o is not None]
        matched = values.bitmap_from(ordinals)
    if request.max_minutes is not None:
        matched &= values.within_minutes(request.max_minutes)
    return matched


def _page_ids(
    request: SearchRequest, values: DocValues, passing: int
) -> tuple[list[int], dict[int, float]]:
    """The ids of the requested page of results, in order, and their scores."""
    flags = passing.to_bytes(values.size, "little") if values.size else b""
    start, end = request.offset, request.offset + request.page_size
    if request.query and request.parsed and request.sort == "relevance" and passing:
        return _relevance_page(request.parsed, flags, values, start, end)
    order = values.most_used if request.sort == "most_used" else values.newest
    ordinals = islice(filter(flags.__getitem__, order), start, end)
    return [values.page_ids[o] for o in ordinals], {}


def run(request: SearchRequest) -> Matches:
    values = doc_values()
    matched = _matched(values, request)
    selections = _selection_bitmaps(values, request)
    passing = reduce(and_, selections.values(), matched)
    # Units are only shown once a textbook is chosen: not counted before.
    shown = [
        facet
        for facet in FACETS
        if facet != "unit" or "textbook" in selections or "unit" in selections
    ]
    page_ids, scores = _page_ids(request, values, passing)
    parsed = request.parsed if request.query else ParsedQuery()
    return Matches(
        hits=page_hits(page_ids, scores, values, parsed),
        counts=count_facets(values, matched, selections, shown),
        total=passing.bit_count(),
        backend=NAME,
    )


def page_hits(
    page_ids: list[int], scores: dict[int, float], values: DocValues, parsed: ParsedQuery
) -> list[Hit]:
    if not page_ids:
        return []
    texts = SearchText.objects.filter(page_id__in=page_ids).defer(
        "title_terms",
        "keyword_terms",
        "body_terms",
        "file_terms",
        "search_vector",
        "suggest_text",
        "words",
    )
    by_id = {text.page_id: text for text in texts}
    found = []
    for page_id in page_ids:
        text = by_id.get(page_id)
        if text is not None:
            text.use_count = values.use_counts[values.ordinal[page_id]]
            found.append((text, scores.get(page_id, 0.0)))
    return build_hits(found, parsed)
