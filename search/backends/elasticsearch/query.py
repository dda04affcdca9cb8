"""The Elasticsearch request for a search, built with elasticsearch.dsl `FacetedSearch`.

FacetedSearch gives multi-select facets for free: selected values go into a `post_filter`
(results narrow, aggregations do not), and each facet's aggregation is wrapped in a
`filter` of every *other* facet's selection. The query itself is ours: each English word
must match a field (fuzzily, for one typo), each Japanese run must match as a phrase of
bigrams, and a constant bonus lifts documents whose title alone matches everything, so
title matches rank above body matches as they do in the database backend.

A part with alternatives (search/text/tokens.py) becomes a `dis_max` of its own clause and
one clause per alternative: a Japanese word's normalised forms as a phrase on the
*_words fields, its reading on `readings` (boosted lowest), an English word's family as
its stems on the English fields, and translations boosted far below (TRANSLATION_BOOST),
so a page found only in the other language ranks below the same-language matches. The
title bonus counts only same-language matches.
"""

from elasticsearch.dsl import FacetedSearch, Q, RangeFacet, TermsFacet
from elasticsearch.dsl.query import Query

from library.filters import DURATION_BUCKETS
from search.request import SearchRequest
from search.text.tokens import TOKEN_PATTERN, Alternative, ParsedQuery, QueryPart

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
# Japanese word forms per field (mapping.py JAPANESE_FIELDS), boosted as their text fields.
WORD_FIELDS = {"title_words": 10, "keyword_words": 4, "body_words": 1}
TITLE_WORD_FIELDS = ["title_words"]
READINGS_BOOST = 0.5
TRANSLATION_BOOST = 0.1
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


def _word_fields(names: list[str] | None) -> list[str]:
    chosen = TITLE_WORD_FIELDS if names else list(WORD_FIELDS)
    return [f"{name}^{WORD_FIELDS[name]}" if WORD_FIELDS[name] != 1 else name for name in chosen]


def _alternative_clause(other: Alternative, names: list[str] | None) -> Query:
    """One alternative as a clause: index terms go to the cluster as they are (the
    `whitespace` analyzer), Japanese translations through the bigram fields."""
    text = " ".join(other.terms)
    if other.column:
        return Q("match_phrase", readings={"query": text, "boost": READINGS_BOOST})
    if other.terms[0].startswith("w") and not other.terms[0].isascii():
        return Q("multi_match", query=text, type="phrase", fields=_word_fields(names))
    if other.translation and not other.terms[0].isascii():
        clause = Q("multi_match", query=other.label, type="phrase", fields=_fields("cjk", names))
    else:
        clause = Q(
            "multi_match",
            query=text,
            type="phrase",
            analyzer="whitespace",
            fields=_fields("", names),
        )
    return clause


def _part_clause(part: QueryPart, kuromoji: bool, names: list[str] | None, title: bool) -> Query:
    surface = part.surface
    if TOKEN_PATTERN.fullmatch(surface) and TOKEN_PATTERN.fullmatch(surface).lastgroup == "cjk":
        own = _cjk_clause(surface, kuromoji, names)
    else:
        own = _english_clause(surface, phrase=len(part.terms) > 1, names=names)
    # The title bonus: the title's own words and word forms only.
    others = [a for a in part.same_language() if not (title and a.column)]
    queries = [own, *(_alternative_clause(other, names) for other in others)]
    if not title:
        for other in part.translations():
            clause = _alternative_clause(other, names)
            queries.append(Q("bool", must=[clause], boost=TRANSLATION_BOOST))
    return queries[0] if len(queries) == 1 else Q("dis_max", queries=queries)


def clauses(parsed: ParsedQuery, kuromoji: bool, names: list[str] | None = None) -> list[Query]:
    """One clause per part a result must contain (the parts of search/text/tokens.py)."""
    title = names is not None
    return [_part_clause(part, kuromoji, names, title) for part in parsed.parts]


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
