"""The Elasticsearch request for a search, built with elasticsearch.dsl `FacetedSearch`.

FacetedSearch gives multi-select facets for free: selected values go into a `post_filter`
(results narrow, aggregations do not), and each facet's aggregation is wrapped in a
`filter` of every *other* facet's selection. The query itself is ours: each English word
must match a field (fuzzily, for one typo), each Japanese run must match as a phrase of
bigrams, and a constant bonus lifts documents whose title alone matches everything, so
title matches rank above body matches as they do in the database backend.

Each part's clause is a `dis_max` over the field groups of search/results.py MATCH_FIELDS
(title, summary, keywords, body, file), each a named query ("0:title"): the same score as
one multi_match over every field (best_fields is a dis_max too), and each hit's
`matched_queries` says which words it has and where ("why it matched").

Most words (request.match == MOST_WORDS, asked when no page has every word): the parts are
`should` clauses with `minimum_should_match: 1`, each group a `constant_score` worth
PART_BONUS plus its field rank — pages rank by how many words, then where, as in the
database backend — and a `filters` aggregation counts the pages having each word, so the
words no page has can be named.
"""

from elasticsearch.dsl import FacetedSearch, Q, RangeFacet, TermsFacet
from elasticsearch.dsl.query import Query

from library.filters import DURATION_BUCKETS
from search.request import SearchRequest
from search.text.tokens import TOKEN_PATTERN, ParsedQuery, QueryPart

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
# The fields of each place "why it matched" names (search/results.py MATCH_FIELDS), and
# each place's rank for most-words answers (as the database backend's FIELD_RANKS).
FIELD_GROUPS = {
    "title": TITLE_FIELDS,
    "summary": ["summary", "summary_ja"],
    "keywords": ["keywords"],
    "body": ["body_text"],
    "file": ["file_text"],
}
GROUP_RANKS = {"title": 3, "summary": 2, "keywords": 2, "body": 1, "file": 1}
# A word found anywhere outweighs where any other word was found (32 parts at most).
PART_BONUS = 100.0
PARTS_AGGREGATION = "_parts"
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


def _cjk_clause(run: str, kuromoji: bool, names: list[str] | None = None, **named: str) -> Query:
    if not kuromoji:
        return Q("multi_match", query=run, type="phrase", fields=_fields("cjk", names), **named)
    bigrams = Q("multi_match", query=run, type="phrase", fields=_fields("cjk", names))
    words = Q("multi_match", query=run, type="phrase", fields=_fields("ja", names))
    return Q("dis_max", queries=[bigrams, words], **named)


def _english_clause(
    words: str, phrase: bool, names: list[str] | None = None, **named: str
) -> Query:
    if phrase:
        return Q("multi_match", query=words, type="phrase", fields=_fields("", names), **named)
    return Q(
        "multi_match",
        query=words,
        type="best_fields",
        fields=_fields("", names),
        fuzziness="AUTO",
        prefix_length=1,
        **named,
    )


def _part_clause(part: QueryPart, kuromoji: bool, names: list[str] | None, **named) -> Query:
    surface = part.surface
    found = TOKEN_PATTERN.fullmatch(surface)
    if found and found.lastgroup == "cjk":
        return _cjk_clause(surface, kuromoji, names, **named)
    return _english_clause(surface, len(part.terms) > 1, names, **named)


def clauses(parsed: ParsedQuery, kuromoji: bool, names: list[str] | None = None) -> list[Query]:
    """One clause per part a result must contain (the parts of search/text/tokens.py)."""
    return [_part_clause(part, kuromoji, names) for part in parsed.parts]


def named_clause(index: int, part: QueryPart, kuromoji: bool, most: bool = False) -> Query:
    """A part's clause as a dis_max of one named query per field group ("0:title"). With
    `most`, each group scores a constant: PART_BONUS plus its rank."""
    queries = []
    for group, names in FIELD_GROUPS.items():
        name = f"{index}:{group}"
        if most:
            queries.append(
                Q(
                    "constant_score",
                    filter=_part_clause(part, kuromoji, names),
                    boost=PART_BONUS + GROUP_RANKS[group],
                    _name=name,
                )
            )
        else:
            queries.append(_part_clause(part, kuromoji, names, _name=name))
    return Q("dis_max", queries=queries)


def text_query(parsed: ParsedQuery, kuromoji: bool) -> Query:
    must = [named_clause(i, part, kuromoji) for i, part in enumerate(parsed.parts)]
    title_only = clauses(parsed, kuromoji, TITLE_FIELDS)
    return Q(
        "bool",
        must=must,
        should=[Q("constant_score", filter=Q("bool", must=title_only), boost=TITLE_BONUS)],
    )


def most_words_query(parsed: ParsedQuery, kuromoji: bool) -> Query:
    """Pages having at least one of the parts, ranked by how many, then where."""
    return Q(
        "bool",
        should=[named_clause(i, part, kuromoji, most=True) for i, part in enumerate(parsed.parts)],
        minimum_should_match=1,
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
        self.most_words = request.most_words
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
        if self.most_words and self._query:
            # How many pages have each word (under the time limit, before the facets).
            parts = {
                str(index): _part_clause(part, self.kuromoji, None)
                for index, part in enumerate(self.parsed.parts)
            }
            search.aggs.bucket(PARTS_AGGREGATION, "filters", filters=parts)
        return search

    def query(self, search, query):
        if not query:
            return search
        if self.most_words:
            return search.query(most_words_query(self.parsed, self.kuromoji))
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
