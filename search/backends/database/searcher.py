"""Answering a search from the database index.

1. SQL (FTS5 on SQLite, tsvector on PostgreSQL) finds the matching pages, best first.
2. The matches become a bitmap over the in-memory doc values (docvalues.py).
3. Multi-select facets: a facet's counts come from the matches that pass every *other*
   facet's selection — for each facet, the AND of the other facets' bitmaps, then one
   AND + popcount per value. The results are the matches passing every selection.
4. A page of results is read off the chosen order (relevance from SQL, or the prebuilt
   newest / most-used orders), skipping pages filtered out — no sort of the whole set.

Only the shown page's text is read from SearchText, to build highlighted hits and say
why each matched (search/why.py).

Most words (request.match == MOST_WORDS, asked by the service when no page has every
word): step 1 becomes one statement listing, for each word, the pages having it and in
which field (engines.part_matches); a page's score is how many words it has, then where
(title above summary/tags above body), and its words are the ones "why it matched" lists.
"""

from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import reduce
from itertools import islice
from operator import and_, or_

from search.facets import FACETS
from search.hits import build_hits
from search.models import SearchText
from search.request import SearchRequest
from search.results import Hit, Matches
from search.text.tokens import ParsedQuery
from search.why import PageTerms, explain

from .docvalues import DocValues, doc_values
from .engines import matching_ids, part_matches, ranked_matches, title_matches

NAME = "database"


def score_of(rank: float, in_title: bool) -> float:
    """Relevance in [0, 2): 1 for a title match, plus the text rank squashed into [0, 1)
    — the result order as one number for the API."""
    rank = max(float(rank or 0.0), 0.0)
    return (1.0 if in_title else 0.0) + rank / (1.0 + rank)


@dataclass
class MostWords:
    """For a most-words answer: page id → {part index: best field rank} of every page
    having at least one of the parts."""

    parts: int
    found: dict[int, dict[int, int]] = field(default_factory=dict)

    @classmethod
    def of(cls, parsed: ParsedQuery) -> "MostWords":
        most = cls(parts=len(parsed.parts))
        for page_id, part, rank in part_matches(parsed):
            ranks = most.found.setdefault(page_id, {})
            ranks[part] = max(rank, ranks.get(part, 0))
        return most

    def score(self, page_id: int) -> float:
        """How many words the page has, plus where they are as a fraction below 1."""
        ranks = self.found.get(page_id, {})
        return len(ranks) + sum(ranks.values()) / (3 * self.parts + 1)

    def missing(self) -> set[int]:
        """The parts no page has."""
        have = {part for ranks in self.found.values() for part in ranks}
        return set(range(self.parts)) - have


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


# The first window of a ranked list read for a page of results: enough for page 1 nearly
# always (filters skip some), then windows four times larger until the page is full.
FIRST_WINDOW = 64


def in_windows(ranked, parsed: ParsedQuery, first: int) -> Iterator[tuple[int, float]]:
    """The rows of `ranked(parsed, limit, offset)`, best first, read a window at a time:
    a broad word ("game") matches thousands of pages, and the database then sorts and
    sends only the best few instead of all of them."""
    offset, size = 0, first
    while True:
        rows = ranked(parsed, size, offset)
        yield from rows
        if len(rows) < size:
            return
        offset += size
        size *= 4


def _relevance_page(
    parsed: ParsedQuery, flags: bytes, values: DocValues, start: int, end: int, share: float
) -> tuple[list[int], dict[int, float]]:
    """The page ids for [start, end) in relevance order, and their scores: title matches
    first (ranked on the title), then the other matches (ranked on everything). The body
    matches are only ranked when the title matches do not fill the page. `share` is the
    part of the matches the filters let through: the first window is sized to fill the
    page at that rate, so narrow filters do not cost several windows."""
    ordinal = values.ordinal
    wanted: list[tuple[int, float]] = []
    seen_titles: set[int] = set()
    first = int(max(FIRST_WINDOW, 2 * end) / max(share, 1 / 64))
    for page_id, rank in in_windows(title_matches, parsed, first):
        seen_titles.add(page_id)
        position = ordinal.get(page_id)
        if position is not None and flags[position]:
            wanted.append((page_id, score_of(rank, True)))
            if len(wanted) >= end:
                break
    if len(wanted) < end:
        for page_id, rank in in_windows(ranked_matches, parsed, first + len(seen_titles)):
            position = ordinal.get(page_id)
            if page_id not in seen_titles and position is not None and flags[position]:
                wanted.append((page_id, score_of(rank, False)))
                if len(wanted) >= end:
                    break
    page = wanted[start:end]
    return [page_id for page_id, _score in page], dict(page)


def _most_words_page(
    most: MostWords, flags: bytes, values: DocValues, start: int, end: int
) -> tuple[list[int], dict[int, float]]:
    """The page ids for [start, end) of a most-words answer: most words first, then the
    best fields, then the lower page id (a stable order)."""
    ordinal = values.ordinal
    candidates = [
        page_id
        for page_id in most.found
        if (position := ordinal.get(page_id)) is not None and flags[position]
    ]
    scores = {page_id: most.score(page_id) for page_id in candidates}
    candidates.sort(key=lambda page_id: (-scores[page_id], page_id))
    page = candidates[start:end]
    return page, {page_id: round(scores[page_id], 4) for page_id in page}


def _matched(values: DocValues, request: SearchRequest, most: MostWords | None) -> int:
    """The documents matching the words (all of them without words) and the time limit."""
    parsed = request.parsed
    if not request.query:
        matched = values.everything
    else:
        ids = list(most.found) if most is not None else matching_ids(parsed) if parsed else []
        # A page indexed after the doc values were read is left out this time.
        ordinals = [o for o in map(values.ordinal.get, ids) if o is not None]
        matched = values.bitmap_from(ordinals)
    if request.max_minutes is not None:
        matched &= values.within_minutes(request.max_minutes)
    return matched


def _page_ids(
    request: SearchRequest, values: DocValues, matched: int, passing: int, most: MostWords | None
) -> tuple[list[int], dict[int, float]]:
    """The ids of the requested page of results, in order, and their scores."""
    flags = passing.to_bytes(values.size, "little") if values.size else b""
    start, end = request.offset, request.offset + request.page_size
    if most is not None and request.sort == "relevance" and passing:
        return _most_words_page(most, flags, values, start, end)
    if request.query and request.parsed and request.sort == "relevance" and passing:
        share = passing.bit_count() / max(matched.bit_count(), 1)
        return _relevance_page(request.parsed, flags, values, start, end, share)
    order = values.most_used if request.sort == "most_used" else values.newest
    ordinals = islice(filter(flags.__getitem__, order), start, end)
    return [values.page_ids[o] for o in ordinals], {}


def run(request: SearchRequest) -> Matches:
    values = doc_values()
    words = request.query and request.parsed
    most = MostWords.of(request.parsed) if words and request.most_words else None
    matched = _matched(values, request, most)
    selections = _selection_bitmaps(values, request)
    passing = reduce(and_, selections.values(), matched)
    # Units are only shown once a textbook is chosen: not counted before.
    shown = [
        facet
        for facet in FACETS
        if facet != "unit" or "textbook" in selections or "unit" in selections
    ]
    page_ids, scores = _page_ids(request, values, matched, passing, most)
    return Matches(
        hits=page_hits(page_ids, scores, values, request if words else None, most),
        counts=count_facets(values, matched, selections, shown),
        total=passing.bit_count(),
        backend=NAME,
        missing_terms=[request.parsed.parts[i].surface for i in sorted(most.missing())]
        if most is not None
        else [],
    )


def page_hits(
    page_ids: list[int],
    scores: dict[int, float],
    values: DocValues,
    request: SearchRequest | None,
    most: MostWords | None = None,
) -> list[Hit]:
    """The hits of the shown page, highlighted and (for a search with words) saying why
    each matched."""
    if not page_ids:
        return []
    texts = SearchText.objects.filter(page_id__in=page_ids).defer(
        "body_terms", "file_terms", "search_vector", "suggest_text", "words"
    )
    by_id = {text.page_id: text for text in texts}
    found = []
    for page_id in page_ids:
        text = by_id.get(page_id)
        if text is not None:
            text.use_count = values.use_counts[values.ordinal[page_id]]
            found.append((text, scores.get(page_id, 0.0)))
    parsed = request.parsed if request is not None else ParsedQuery()
    hits = build_hits(found, parsed)
    if request is not None:
        parts = parsed.parts
        every = range(len(parts))
        for hit, (text, _score) in zip(hits, found, strict=True):
            matched = most.found.get(hit.page_id, {}) if most is not None else every
            hit.why = explain(_page_terms(text), parts, matched, request.expanded)
    return hits


def _page_terms(text: SearchText) -> PageTerms:
    return PageTerms(
        page_id=text.page_id,
        title_terms=text.title_terms,
        keyword_terms=text.keyword_terms,
        summary_text=text.summary,
        summary_ja=text.summary_ja,
        body_text=text.body_text,
        reading_terms=text.reading_terms,
    )
