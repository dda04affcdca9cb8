"""The Elasticsearch request for a search, built with elasticsearch.dsl `FacetedSearch`.

FacetedSearch gives multi-select facets for free: selected values go into a `post_filter`
(results narrow, aggregations do not), and each facet's aggregation is wrapped in a
`filter` of every *other* facet's selection. The query itself is ours: each English word
must match a field (fuzzily, for one typo), each Japanese run must match as a phrase of
bigrams, and a constant bonus lifts documents whose title alone matches everything, so
title matches rank above body matches as they do in the database backend.
"""

from elasticsearch.dsl import FacetedSearch, Q, RangeFacet, TermsFacet
from elasticsearch.dsl.query import Query

from library.filters import DURATION_BUCKETS
from search.request import SearchRequest
from search.text.tokens import TOKEN_PATTERN, ParsedQuery

# Field boosts: title 10, summary/tags/taxonomy 4, body 1 (as the database's bm25 weights),
# the words inside the page's files 0.5.
FIELD_BOOSTS = {
    "title": 10,
    "title_ja": 10,
    "summary": 4,
    "summary_ja": 4,
    "keywords": 4,
    "body_text": 1,
    "file_text": 0.5,
}
TITLE_FIELDS = ["title", "title_ja"]
TITLE_BONUS = 100.0
# How many values a facet can show; larger than any taxonomy Kyozai ships with.
FACET_SIZES = {
    "type": 10,
    "grade": 50,
    "skill": 20,
    "activity_type": 100,
    "textbook": 100,
    "unit": 500,
}
SORTS = {
    "relevance": ["_score", {"first_published_at": {"order": "desc"}}],
    "newest": [{"first_published_at": {"order": "desc"}}, "_score"],
    "most_used": [{"use_count": {"order": "desc"}}, "_score"],
}
HIGHLIGHT_FIELDS = ["title", "title_ja", "summary", "summary_ja", "body_text"]


def _fields(subfield: str, names: list[str] | None = None) -> list[str]:
    names = names or list(FIELD_BOOSTS)
    suffix = f".{subfield}" if subfield else ""
    return [
        f"{name}{suffix}^{FIELD_BOOSTS[name]}" if FIELD_BOOSTS[name] != 1 else f"{name}{suffix}"
        for name in names
    ]


def _cjk_clause(run: str, kuromoji: bool, names: list[str] | None = None) -> Query:
    bigrams = Q("multi_match", query=run, type="phrase", fields=_fields("cjk", names))
    if not kuromoji:
        return bigrams
    words = Q("multi_match", query=run, type="phrase", fields=_fields("ja", names))
    return Q("dis_max", queries=[bigrams, words])


def _english_clause(words: str, phrase: bool, names: list[str] | None = None) -> Query:
    if phrase:
        return Q("multi_match", query=words, type="phrase", fields=_fields("", names))
    return Q(
        "multi_match",
        query=words,
        type="best_fields",
        fields=_fields("", names),
        fuzziness="AUTO",
        prefix_length=1,
    )


def clauses(parsed: ParsedQuery, kuromoji: bool, names: list[str] | None = None) -> list[Query]:
    """One clause per part a result must contain (the parts of search/text/tokens.py)."""
    out: list[Query] = []
    for part in parsed.parts:
        surface = part.surface
        if TOKEN_PATTERN.fullmatch(surface) and TOKEN_PATTERN.fullmatch(surface).lastgroup == "cjk":
            out.append(_cjk_clause(surface, kuromoji, names))
        else:
            out.append(_english_clause(surface, phrase=len(part.terms) > 1, names=names))
    return out


def text_query(parsed: ParsedQuery, kuromoji: bool) -> Query:
    must = clauses(parsed, kuromoji)
    title_only = clauses(parsed, kuromoji, TITLE_FIELDS)
    return Q(
        "bool",
        must=must,
        should=[Q("constant_score", filter=Q("bool", must=title_only), boost=TITLE_BONUS)],
    )


class LibrarySearch(FacetedSearch):
    facets = {
        "type": TermsFacet(field="kind", size=FACET_SIZES["type"]),
        "grade": TermsFacet(field="grades", size=FACET_SIZES["grade"]),
        "skill": TermsFacet(field="skills", size=FACET_SIZES["skill"]),
        "activity_type": TermsFacet(field="activity_types", size=FACET_SIZES["activity_type"]),
        "textbook": TermsFacet(field="series", size=FACET_SIZES["textbook"]),
        "unit": TermsFacet(field="units", size=FACET_SIZES["unit"]),
        "duration": RangeFacet(
            field="duration_minutes",
            ranges=[
                (value, (shortest, longest + 1 if longest is not None else None))
                for value, _label, shortest, longest in DURATION_BUCKETS
            ],
        ),
    }

    def __init__(self, request: SearchRequest, index: str, kuromoji: bool, using: str = "kyozai"):
        self.index = index
        self.using = using
        self.kuromoji = kuromoji
        self.max_minutes = request.max_minutes
        self.parsed = request.parsed
        super().__init__(
            query=request.parsed.text and request.query,
            filters={facet: list(values) for facet, values in request.filters.items()},
            sort=SORTS[request.sort]
            if request.query
            else SORTS["newest"]
            if request.sort == "relevance"
            else SORTS[request.sort],
        )
        self._s = self._s[request.offset : request.offset + request.page_size]
        self._s = self._s.extra(track_total_hits=True)

    def search(self):
        search = super().search().source(excludes=["suggest", "keywords"])
        if self.max_minutes is not None:
            search = search.filter("range", duration_minutes={"lte": self.max_minutes})
        return search

    def query(self, search, query):
        if not query:
            return search
        return search.query(text_query(self.parsed, self.kuromoji))

    def highlight(self, search):
        return (
            search.highlight_options(encoder="html", pre_tags=["<mark>"], post_tags=["</mark>"])
            .highlight(
                *[f"{name}{suffix}" for name in ["title", "title_ja"] for suffix in ("", ".cjk")],
                number_of_fragments=0,
            )
            .highlight(
                *[
                    f"{name}{suffix}"
                    for name in ["summary", "summary_ja", "body_text"]
                    for suffix in ("", ".cjk")
                ],
                fragment_size=200,
                number_of_fragments=1,
            )
        )

    def build_search(self):
        search = super().build_search()
        return self.highlight(search) if self._query else search


def search_body(request: SearchRequest, index: str, kuromoji: bool) -> dict:
    """The JSON body sent to `POST /<alias>/_search` (tests compare it exactly)."""
    return LibrarySearch(request, index, kuromoji)._s.to_dict()
