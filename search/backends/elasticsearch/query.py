"""The Elasticsearch request for a search, built with elasticsearch.dsl `FacetedSearch`.

FacetedSearch gives multi-select facets for free: selected values go into a `post_filter`
(results narrow, aggregations do not), and each facet's aggregation is wrapped in a
`filter` of every *other* facet's selection. The query itself is ours: each English word
must match a field (fuzzily, for one typo), each Japanese run must match as a phrase of
bigrams, and a constant bonus lifts documents whose title alone matches everything, so
title matches rank above body matches as they do in the database backend.

Each part's clause is a `dis_max` over the field groups of search/results.py MATCH_FIELDS
(title, summary, keywords, body, file, reading), each a named query ("0:title"): the same
score as one multi_match over every field (best_fields is a dis_max too), and each hit's
`matched_queries` says which words it has and where ("why it matched").

A part with alternatives (search/text/tokens.py) looks for them in each group too: a
Japanese word's normalised forms as a phrase on the group's *_words field, its reading on
`readings` (the "reading" group, boosted lowest), an English word's family as its stems on
the group's English fields. Its translations are named queries of their own per group
("0:body:1", the part's second translation), boosted far below (TRANSLATION_BOOST), so a
page found only in the other language ranks below the same-language matches and says it
matched "by translation". The title bonus counts only same-language matches.

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
# Japanese word forms per field (mapping.py JAPANESE_FIELDS), boosted as their text fields,
# and the field group each belongs to.
WORD_FIELDS = {"title_words": 10, "keyword_words": 4, "body_words": 1}
WORD_FIELD_GROUPS = {"title_words": "title", "keyword_words": "keywords", "body_words": "body"}
READINGS_BOOST = 0.5
TRANSLATION_BOOST = 0.1
# The fields of each place "why it matched" names (search/results.py MATCH_FIELDS), and
# each place's rank for most-words answers (as the database backend's FIELD_RANKS). The
# "reading" group is searched through a part's reading alternative only.
FIELD_GROUPS = {
    "title": TITLE_FIELDS,
    "summary": ["summary", "summary_ja"],
    "keywords": ["keywords"],
    "body": ["body_text"],
    "file": ["file_text"],
    "reading": ["readings"],
}
GROUP_RANKS = {"title": 3, "summary": 2, "keywords": 2, "body": 1, "file": 1, "reading": 1}
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


def _own_clause(part: QueryPart, kuromoji: bool, names: list[str] | None, **named) -> Query:
    surface = part.surface
    found = TOKEN_PATTERN.fullmatch(surface)
    if found and found.lastgroup == "cjk":
        return _cjk_clause(surface, kuromoji, names, **named)
    return _english_clause(surface, len(part.terms) > 1, names, **named)


def _word_fields(group: str | None) -> list[str]:
    chosen = [name for name in WORD_FIELDS if group in (None, WORD_FIELD_GROUPS[name])]
    return [f"{name}^{WORD_FIELDS[name]}" if WORD_FIELDS[name] != 1 else name for name in chosen]


def _alternative_clause(other: Alternative, group: str | None) -> Query | None:
    """One alternative as a clause on a field group's fields (every field for None), or
    None when the group has no field for it. Index terms go to the cluster as they are
    (the `whitespace` analyzer), Japanese translations through the bigram fields."""
    text = " ".join(other.terms)
    if other.column:
        if group not in (None, "reading"):
            return None
        return Q("match_phrase", readings={"query": text, "boost": READINGS_BOOST})
    if group == "reading":
        return None
    if other.terms[0].startswith("w") and not other.terms[0].isascii():
        fields = _word_fields(group)
        return Q("multi_match", query=text, type="phrase", fields=fields) if fields else None
    names = FIELD_GROUPS[group] if group else None
    if other.translation and not other.terms[0].isascii():
        return Q("multi_match", query=other.label, type="phrase", fields=_fields("cjk", names))
    return Q(
        "multi_match",
        query=text,
        type="phrase",
        analyzer="whitespace",
        fields=_fields("", names),
    )


def _same_language(part: QueryPart, kuromoji: bool, group: str | None) -> list[Query]:
    """The part's own clause and its same-language alternatives, on a group's fields."""
    queries = []
    if group != "reading":
        queries.append(_own_clause(part, kuromoji, FIELD_GROUPS[group] if group else None))
    for other in part.same_language():
        clause = _alternative_clause(other, group)
        if clause is not None:
            queries.append(clause)
    return queries


def _one_of(queries: list[Query], **named) -> Query:
    """The queries as one (a dis_max when there are several), named if asked."""
    if len(queries) == 1 and (not named or queries[0].name in ("multi_match", "dis_max")):
        if not named:
            return queries[0]
        body = queries[0].to_dict()
        body[queries[0].name].update(named)
        return Q(body)
    return Q("dis_max", queries=queries, **named)


def _part_clause(part: QueryPart, kuromoji: bool, group: str | None) -> Query:
    """What a page must have for one part, unnamed: its words or their same-language
    alternatives on a group's fields (every field for None, translations too, boosted
    below)."""
    queries = _same_language(part, kuromoji, group)
    if group is None:
        for other in part.translations():
            clause = _alternative_clause(other, None)
            queries.append(Q("bool", must=[clause], boost=TRANSLATION_BOOST))
    return _one_of(queries)


def clauses(parsed: ParsedQuery, kuromoji: bool, names: list[str] | None = None) -> list[Query]:
    """One clause per part a result must contain (the parts of search/text/tokens.py)."""
    return [_part_clause(part, kuromoji, "title" if names else None) for part in parsed.parts]


def _group_queries(index: int, part: QueryPart, kuromoji: bool, group: str) -> list[Query]:
    """A part in one field group, named: its own words ("0:title") and each translation
    ("0:title:1", the second translation; not in the readings)."""
    out = []
    own = _same_language(part, kuromoji, group)
    if own:
        out.append((f"{index}:{group}", _one_of(own), 1.0))
    for number, other in enumerate(part.translations()):
        clause = _alternative_clause(other, group)
        if clause is not None:
            out.append((f"{index}:{group}:{number}", clause, TRANSLATION_BOOST))
    return out


def named_clause(index: int, part: QueryPart, kuromoji: bool, most: bool = False) -> Query:
    """A part's clause as a dis_max of one named query per field group ("0:title") and
    translation ("0:title:0"). With `most`, each scores a constant: PART_BONUS plus its
    group's rank (a translation counts as having the word, as in the database backend)."""
    queries = []
    for group in FIELD_GROUPS:
        for name, clause, boost in _group_queries(index, part, kuromoji, group):
            if most:
                score = PART_BONUS + GROUP_RANKS[group]
                queries.append(Q("constant_score", filter=clause, boost=score, _name=name))
            elif boost != 1.0:
                queries.append(Q("bool", must=[clause], boost=boost, _name=name))
            else:
                queries.append(_one_of([clause], _name=name))
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
