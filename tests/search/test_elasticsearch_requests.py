"""What Kyozai sends to Elasticsearch, checked against the exact JSON (no cluster here:
docs/architecture.md §9). tests/search/test_elasticsearch_live.py sends it to a real cluster."""

import json
from datetime import UTC, datetime
from pathlib import Path

import pytest

from search.backends.elasticsearch.indexer import document_source, suggest_inputs
from search.backends.elasticsearch.mapping import index_body
from search.backends.elasticsearch.query import search_body
from search.documents import PageRecord
from search.request import SearchRequest, build_request
from search.text.british import british_forms
from search.text.english import IRREGULAR_FORMS, stem
from search.text.normalise import katakana_fold_pairs

HERE = Path(__file__).parent / "elasticsearch"

TEXT_FIELDS = [
    "title^10",
    "title_ja^10",
    "summary^4",
    "summary_ja^4",
    "keywords^4",
    "body_text",
    "file_text^0.5",
]
CJK_FIELDS = [
    "title.cjk^10",
    "title_ja.cjk^10",
    "summary.cjk^4",
    "summary_ja.cjk^4",
    "keywords.cjk^4",
    "body_text.cjk",
    "file_text.cjk^0.5",
]
HIGHLIGHT = {
    "fields": {
        "title": {"number_of_fragments": 0},
        "title.cjk": {"number_of_fragments": 0},
        "title_ja": {"number_of_fragments": 0},
        "title_ja.cjk": {"number_of_fragments": 0},
        "summary": {"fragment_size": 200, "number_of_fragments": 1},
        "summary.cjk": {"fragment_size": 200, "number_of_fragments": 1},
        "summary_ja": {"fragment_size": 200, "number_of_fragments": 1},
        "summary_ja.cjk": {"fragment_size": 200, "number_of_fragments": 1},
        "body_text": {"fragment_size": 200, "number_of_fragments": 1},
        "body_text.cjk": {"fragment_size": 200, "number_of_fragments": 1},
    },
    "encoder": "html",
    "pre_tags": ["<mark>"],
    "post_tags": ["</mark>"],
}
DURATION_AGG = {
    "range": {
        "field": "duration_minutes",
        "ranges": [
            {"key": "0-10", "to": 11},
            {"key": "11-20", "from": 11, "to": 21},
            {"key": "21-45", "from": 21, "to": 46},
            {"key": "46+", "from": 46},
        ],
        "keyed": False,
    }
}
TERMS = [
    ("type", "kind", 10),
    ("grade", "grades", 50),
    ("skill", "skills", 20),
    ("activity_type", "activity_types", 100),
    ("textbook", "series", 100),
    ("unit", "units", 500),
]


def aggs(filters_for: dict[str, dict]) -> dict:
    """The facet aggregations, each inside a filter of the *other* facets' selections."""
    out = {}
    for name, field, size in TERMS:
        out[f"_filter_{name}"] = {
            "filter": filters_for.get(name, {"match_all": {}}),
            "aggs": {name: {"terms": {"field": field, "size": size}}},
        }
    out["_filter_duration"] = {
        "filter": filters_for.get("duration", {"match_all": {}}),
        "aggs": {"duration": DURATION_AGG},
    }
    return out


def english(word: str, fields=TEXT_FIELDS) -> dict:
    return {
        "multi_match": {
            "query": word,
            "fields": fields,
            "fuzziness": "AUTO",
            "prefix_length": 1,
            "type": "best_fields",
        }
    }


def japanese(run: str, fields=CJK_FIELDS) -> dict:
    return {"multi_match": {"query": run, "fields": fields, "type": "phrase"}}


# The field groups "why it matched" names, each a named query: (group, fields, rank).
GROUPS = [
    ("title", ["title^10", "title_ja^10"], 3),
    ("summary", ["summary^4", "summary_ja^4"], 2),
    ("keywords", ["keywords^4"], 2),
    ("body", ["body_text"], 1),
    ("file", ["file_text^0.5"], 1),
]


def cjk(fields: list[str], suffix: str = "cjk") -> list[str]:
    return [
        field.replace("^", f".{suffix}^", 1) if "^" in field else f"{field}.{suffix}"
        for field in fields
    ]


def named(clause: dict, name: str) -> dict:
    """`clause` with `_name` inside its one query."""
    ((kind, body),) = clause.items()
    return {kind: {**body, "_name": name}}


def named_english(index: int, word: str) -> dict:
    """A word's clause: one named multi_match per field group, the best one scoring."""
    return {
        "dis_max": {
            "queries": [
                named(english(word, fields), f"{index}:{group}") for group, fields, _rank in GROUPS
            ]
        }
    }


# Japanese word forms per field group (the other groups have none).
WORD_GROUPS = {"title": ["title_words^10"], "keywords": ["keyword_words^4"], "body": ["body_words"]}


def named_japanese(index: int, run: str, forms: str, reading: str, kuromoji: bool = False) -> dict:
    """A Japanese part: per field group, one named query for its bigrams (and kuromoji's
    words) or, where the group has a word-form field, its Sudachi word forms; then its
    reading, in a group of its own."""
    queries = []
    for group, fields, _rank in GROUPS:
        if kuromoji:
            clause = {
                "dis_max": {
                    "queries": [japanese(run, cjk(fields)), japanese(run, cjk(fields, "ja"))]
                }
            }
        else:
            clause = japanese(run, cjk(fields))
        if group in WORD_GROUPS:
            clause = {"dis_max": {"queries": [clause, words(forms, WORD_GROUPS[group])]}}
        queries.append(named(clause, f"{index}:{group}"))
    queries.append(named({"dis_max": {"queries": [readings(reading)]}}, f"{index}:reading"))
    return {"dis_max": {"queries": queries}}


def own_clause(group: dict) -> dict:
    """A group's named query, or the first of its alternatives when it has several."""
    ((kind, body),) = group.items()
    if kind == "dis_max" and len(body["queries"]) > 1 and "dis_max" in body["queries"][0]:
        return body["queries"][0]
    return group


def group_of(part: dict, name: str) -> dict:
    """The named query `name` ("0:body") of a part's dis_max."""
    (found,) = [
        query
        for query in part["dis_max"]["queries"]
        if next(iter(query.values())).get("_name") == name
    ]
    return found


def asked_in(part: dict, name: str) -> list[dict]:
    """The clauses a named group asks (its dis_max's queries, or itself), without its name."""
    ((kind, body),) = group_of(part, name).items()
    body = {key: value for key, value in body.items() if key != "_name"}
    if kind == "dis_max":
        return body["queries"]
    return [{kind: body}]


def test_the_index_body_is_exactly_the_reviewed_one():
    expected = json.loads((HERE / "index_body.json").read_text())
    assert index_body("kyozai_library", kuromoji=False) == expected


def test_the_kuromoji_setting_adds_a_morphological_subfield():
    plain = index_body("kyozai_library", kuromoji=False)
    with_kuromoji = index_body("kyozai_library", kuromoji=True)
    analysis = with_kuromoji["settings"]["analysis"]
    assert analysis["analyzer"]["kyozai_kuromoji"] == {
        "tokenizer": "kyozai_kuromoji_tokenizer",
        "filter": ["kuromoji_baseform", "kuromoji_part_of_speech", "cjk_width", "lowercase"],
        "type": "custom",
    }
    assert analysis["tokenizer"] == {
        "kyozai_kuromoji_tokenizer": {"mode": "search", "type": "kuromoji_tokenizer"}
    }
    for field in (
        "title",
        "title_ja",
        "summary",
        "summary_ja",
        "keywords",
        "body_text",
        "file_text",
    ):
        assert with_kuromoji["mappings"]["properties"][field]["fields"]["ja"] == {
            "analyzer": "kyozai_kuromoji",
            "type": "text",
        }
        del with_kuromoji["mappings"]["properties"][field]["fields"]["ja"]
    del analysis["analyzer"]["kyozai_kuromoji"], analysis["tokenizer"]
    assert with_kuromoji == plain  # nothing else differs


def test_the_analyzers_fold_like_the_database_backend():
    analysis = index_body("kyozai_library", kuromoji=False)["settings"]["analysis"]
    mappings = analysis["char_filter"]["kyozai_kana_fold"]["mappings"]
    assert mappings == [f"{k} => {h}" for k, h in katakana_fold_pairs()]
    assert "ｶﾞ => が" in mappings
    rules = analysis["filter"]["kyozai_english_irregular"]["rules"]
    forms = sorted({*IRREGULAR_FORMS, *british_forms()})
    assert rules == [f"{form} => {stem(form)}" for form in forms]
    assert analysis["filter"]["kyozai_fold_uct"] == {
        "pattern": "^(.{2,})uct$",
        "replacement": "$1uc",
        "type": "pattern_replace",
    }
    assert analysis["filter"]["kyozai_cjk_bigram_unigrams"] == {
        "output_unigrams": True,
        "type": "cjk_bigram",
    }


def test_english_query_body():
    request = SearchRequest(query="introducing games", expand=False)
    body = search_body(request, "kyozai_library", False)
    assert body == {
        "query": {
            "bool": {
                "must": [named_english(0, "introducing"), named_english(1, "games")],
                "should": [
                    {
                        "constant_score": {
                            "filter": {
                                "bool": {
                                    "must": [
                                        english("introducing", ["title^10", "title_ja^10"]),
                                        english("games", ["title^10", "title_ja^10"]),
                                    ]
                                }
                            },
                            "boost": 100.0,
                        }
                    }
                ],
            }
        },
        "aggs": aggs({}),
        "sort": ["_score", {"first_published_at": {"order": "desc"}}],
        "from": 0,
        "size": 20,
        "track_total_hits": True,
        "_source": {"excludes": ["suggest", "keywords"]},
        "highlight": HIGHLIGHT,
    }


WORD_FIELDS = ["title_words^10", "keyword_words^4", "body_words"]


def words(terms: str, fields=WORD_FIELDS) -> dict:
    return {"multi_match": {"query": terms, "fields": fields, "type": "phrase"}}


def readings(terms: str) -> dict:
    return {"match_phrase": {"readings": {"query": terms, "boost": 0.5}}}


def japanese_part(run: str, forms: str, reading: str) -> dict:
    """A Japanese part: its bigrams, its Sudachi word forms, its reading (lowest)."""
    return {"dis_max": {"queries": [japanese(run), words(forms), readings(reading)]}}


def title_part(run: str, forms: str) -> dict:
    """The title bonus's clause: bigrams and word forms of the title, no readings."""
    return {
        "dis_max": {
            "queries": [
                japanese(run, ["title.cjk^10", "title_ja.cjk^10"]),
                words(forms, ["title_words^10"]),
            ]
        }
    }


def test_japanese_query_body_is_bigrams_word_forms_and_readings():
    body = search_body(SearchRequest(query="授業案", expand=False), "kyozai_library", False)
    assert body["query"] == {
        "bool": {
            "must": [named_japanese(0, "授業案", "w授業 w案", "yじゅぎょう yあん")],
            "should": [
                {
                    "constant_score": {
                        "filter": {"bool": {"must": [title_part("授業案", "w授業 w案")]}},
                        "boost": 100.0,
                    }
                }
            ],
        }
    }


def test_japanese_query_with_kuromoji_also_asks_the_morphological_field():
    body = search_body(SearchRequest(query="天気", expand=False), "kyozai_library", True)
    assert body["query"]["bool"]["must"] == [
        named_japanese(0, "天気", "w天気", "yてんき", kuromoji=True)
    ]
    # The same fields as one clause over every field would ask, a group at a time.
    *groups, reading = body["query"]["bool"]["must"][0]["dis_max"]["queries"]
    assert reading["dis_max"]["_name"] == "0:reading"
    asked = [
        field
        for group in groups
        for field in own_clause(group)["dis_max"]["queries"][0]["multi_match"]["fields"]
    ]
    assert asked == CJK_FIELDS


def test_filtered_query_body_uses_post_filter_and_per_facet_filters(db):
    request, _vocabulary = build_request(
        "天気",
        {"grade": ["ES5", "ES6"], "activity_type": ["game"], "max_minutes": ["20"]},
        sort="newest",
        page=2,
        page_size=10,
        expand=False,
    )
    body = search_body(request, "kyozai_library", False)
    grades = {"terms": {"grades": ["ES5", "ES6"]}}
    games = {"terms": {"activity_types": ["game"]}}
    both = {"bool": {"must": [grades, games]}}
    assert body == {
        "query": {
            "bool": {
                "filter": [{"range": {"duration_minutes": {"lte": 20}}}],
                "must": [named_japanese(0, "天気", "w天気", "yてんき")],
                "should": [
                    {
                        "constant_score": {
                            "filter": {"bool": {"must": [title_part("天気", "w天気")]}},
                            "boost": 100.0,
                        }
                    }
                ],
                "minimum_should_match": 0,
            }
        },
        # Results narrow by every selection …
        "post_filter": both,
        # … each facet counts with the *other* facets' selections.
        "aggs": aggs(
            {
                "type": both,
                "grade": games,
                "skill": both,
                "activity_type": grades,
                "textbook": both,
                "unit": both,
                "duration": both,
            }
        ),
        "sort": [{"first_published_at": {"order": "desc"}}, "_score"],
        "from": 10,
        "size": 10,
        "track_total_hits": True,
        "_source": {"excludes": ["suggest", "keywords"]},
        "highlight": HIGHLIGHT,
    }


def test_browsing_without_words_sorts_newest_and_asks_for_no_highlight(db):
    body = search_body(SearchRequest(), "kyozai_library", False)
    assert "query" not in body
    assert "highlight" not in body
    assert body["sort"] == [{"first_published_at": {"order": "desc"}}, "_score"]


def test_most_used_sort(db):
    body = search_body(SearchRequest(query="bingo", sort="most_used"), "kyozai_library", False)
    assert body["sort"] == [{"use_count": {"order": "desc"}}, "_score"]


def test_the_indexed_document_and_its_suggestion_inputs():
    published = datetime(2025, 4, 1, 9, 0, tzinfo=UTC)
    record = PageRecord(
        page_id=7,
        kind="material",
        slug="weather-words",
        url="/library/weather-words/",
        title="Weather words bingo",
        title_ja="天気の表現を学ぼう",
        summary="Sunny, rainy.",
        summary_ja="晴れ・雨。",
        body_text="Steps.",
        keywords="Game\nゲーム",
        grades=["ES5"],
        skills=["listening"],
        activity_types=["game"],
        series=["3"],
        units=["12"],
        duration_minutes=15,
        first_published_at=published,
        last_published_at=published,
        use_count=4,
    )
    assert suggest_inputs(record) == [
        "Weather words bingo",
        "天気の表現を学ぼう",
        "words bingo",
        "bingo",
    ]
    assert document_source(record) == {
        "page_id": 7,
        "kind": "material",
        "slug": "weather-words",
        "url": "/library/weather-words/",
        "title": "Weather words bingo",
        "title_ja": "天気の表現を学ぼう",
        "summary": "Sunny, rainy.",
        "summary_ja": "晴れ・雨。",
        "keywords": "Game\nゲーム",
        "body_text": "Steps.",
        "file_text": "",
        # Japanese word forms and readings, analysed in Python (no cluster plugin needed).
        "title_words": "w天気 w表現 w学ぶ",
        "keyword_words": "w晴れ w雨 wげーむ",
        "body_words": "",
        "readings": "yてんき yひょうげん yまなぼう yはれ yあめ yげーむ",
        "grades": ["ES5"],
        "skills": ["listening"],
        "activity_types": ["game"],
        "series": ["3"],
        "units": ["12"],
        "duration_minutes": 15,
        "first_published_at": published,
        "last_published_at": published,
        "use_count": 4,
        "suggest": {"input": suggest_inputs(record), "weight": 5},
    }


@pytest.mark.parametrize("query", ["AND OR", '"unclosed', "*:*", "title:(x)", "a\\b"])
def test_user_text_is_passed_as_text_never_as_query_syntax(db, query):
    body = json.dumps(search_body(SearchRequest(query=query), "kyozai_library", False))
    assert "query_string" not in body
    assert "simple_query_string" not in body


def test_most_words_asks_for_any_word_ranked_by_how_many_then_where():
    request = SearchRequest(query="introducing yourself", expand=False).with_most_words()
    body = search_body(request, "kyozai_library", False)

    def scored(index: int, word: str) -> dict:
        return {
            "dis_max": {
                "queries": [
                    {
                        "constant_score": {
                            "filter": english(word, fields),
                            "boost": 100.0 + rank,
                            "_name": f"{index}:{group}",
                        }
                    }
                    for group, fields, rank in GROUPS
                ]
            }
        }

    assert body["query"] == {
        "bool": {
            "should": [scored(0, "introducing"), scored(1, "yourself")],
            "minimum_should_match": 1,
        }
    }
    # How many pages have each word: the words no page has are named.
    assert body["aggs"]["_parts"] == {
        "filters": {"filters": {"0": english("introducing"), "1": english("yourself")}}
    }
    assert body["aggs"] == {"_parts": body["aggs"]["_parts"], **aggs({})}
    assert body["highlight"] == HIGHLIGHT
    assert body["sort"] == ["_score", {"first_published_at": {"order": "desc"}}]


def test_most_words_keeps_the_time_limit_and_facet_selections(db):
    request, _dropped = build_request(
        "天気 ビンゴ", {"grade": ["ES5"], "max_minutes": ["20"]}, expand=False
    )
    body = search_body(request.with_most_words(), "kyozai_library", False)
    query = body["query"]["bool"]
    assert query["filter"] == [{"range": {"duration_minutes": {"lte": 20}}}]
    assert query["minimum_should_match"] == 1
    assert [
        clause["dis_max"]["queries"][0]["constant_score"]["_name"] for clause in query["should"]
    ] == [
        "0:title",
        "1:title",
    ]
    assert body["post_filter"] == {"terms": {"grades": ["ES5"]}}
    assert body["aggs"]["_parts"]["filters"]["filters"] == {
        "0": japanese_part("天気", "w天気", "yてんき"),
        # As normalised: katakana folded (the word form keeps Sudachi's).
        "1": japanese_part("びんご", "wびんご", "yびんご"),
    }
    # The readings group scores as the files do.
    readings_group = query["should"][0]["dis_max"]["queries"][-1]["constant_score"]
    assert (readings_group["_name"], readings_group["boost"]) == ("0:reading", 101.0)


def test_why_it_matched_is_read_from_the_named_queries(db):
    from search.backends.elasticsearch.searcher import missing_terms, why_from
    from search.text.tokens import parse_query

    parsed = parse_query("introducing yourself")
    why = why_from(1, ["0:summary", "0:title", "0:body", "junk", "9:title"], parsed)
    assert [(match.term, match.fields) for match in why.terms] == [
        ("introducing", ["title", "summary", "body"])
    ]
    assert why.missing_terms == ["yourself"]
    assert why.fields == ["title", "summary", "body"]

    class Response(dict):
        aggregations = type(
            "A",
            (),
            {
                "to_dict": lambda self: {
                    "_parts": {"buckets": {"0": {"doc_count": 3}, "1": {"doc_count": 0}}}
                }
            },
        )()

    assert missing_terms(Response(aggregations=1), parsed) == ["yourself"]


# Issue #14: the language cases, as the cluster is asked them.


def must_of(query: str, expand: bool = False) -> list[dict]:
    body = search_body(SearchRequest(query=query, expand=expand), "kyozai_library", False)
    return body["query"]["bool"]["must"]


def test_a_hiragana_query_asks_the_readings_and_the_normalised_word():
    [part] = must_of("てんき")
    assert asked_in(part, "0:reading") == [readings("yてんき")]
    assert words("w天気", ["body_words"]) in asked_in(part, "0:body")
    assert words("w天気", ["title_words^10"]) in asked_in(part, "0:title")


def test_the_series_reading_is_asked_as_bigrams_word_forms_and_readings():
    [part] = must_of("ニューホライズン")
    # The bigram clause gets the folded run (the cluster's analyzer folds it the same way).
    assert part == named_japanese(
        0, "にゅーほらいずん", "wにゅー wほらいずん", "yにゅー yほらいずん"
    )


@pytest.mark.parametrize("spelling", ["ハロウィーン", "ハロウィン", "ハロウイン"])
def test_notational_variants_ask_for_one_normalised_form(spelling):
    [part] = must_of(spelling)
    assert words("wはろうぃーん", ["keyword_words^4"]) in asked_in(part, "0:keywords")


def test_a_page_indexes_the_normalised_form_of_its_variant():
    record = PageRecord(
        page_id=1, kind="material", slug="h", url="/h/", title="Parade",
        title_ja="ハロウィンパーティー", summary="", summary_ja="", body_text="", keywords="",
    )  # fmt: skip
    source = document_source(record)
    assert source["title_words"] == "wはろうぃーん wぱーてぃー"
    assert source["readings"] == "yはろうぃん yぱーてぃー"


@pytest.mark.parametrize(
    ("british", "american"), [("colour", "color"), ("favourite", "favorite"), ("centre", "center")]
)
def test_british_spellings_are_folded_by_the_cluster_as_in_python(british, american):
    analysis = index_body("kyozai_library", kuromoji=False)["settings"]["analysis"]
    rules = analysis["filter"]["kyozai_english_irregular"]["rules"]
    assert f"{british} => {stem(american)}" in rules


def test_yourself_is_self_in_the_cluster_too():
    analysis = index_body("kyozai_library", kuromoji=False)["settings"]["analysis"]
    assert "yourself => self" in analysis["filter"]["kyozai_english_irregular"]["rules"]


def test_summarizing_also_asks_for_the_stem_of_summary():
    [summarizing, articles] = must_of("summarizing articles")
    fields = ["summary^4", "summary_ja^4"]
    summary = {
        "multi_match": {
            "query": "summari", "analyzer": "whitespace", "fields": fields, "type": "phrase"
        }
    }  # fmt: skip
    assert asked_in(summarizing, "0:summary")[:2] == [english("summarizing", fields), summary]
    assert english("articles", ["body_text"]) in asked_in(articles, "1:body")


def translation(stems: str, name: str, fields=("body_text",)) -> dict:
    """A translation in one field group: its own named query ("0:body:0"), boosted below."""
    clause = {
        "multi_match": {
            "query": stems, "analyzer": "whitespace", "fields": list(fields), "type": "phrase"
        }
    }  # fmt: skip
    return {"bool": {"must": [clause], "boost": 0.1, "_name": name}}


def test_a_japanese_query_also_asks_for_its_english_boosted_below(db):
    [part] = must_of("病院", expand=True)
    queries = part["dis_max"]["queries"]
    # The same-language groups keep their names and clauses …
    assert [q for q in queries if "bool" not in q] == named_japanese(
        0, "病院", "w病院", "yびょういん"
    )["dis_max"]["queries"]
    # … and each translation is named per group, so "why" can say "translation".
    assert translation("hospit", "0:body:0") in queries
    assert translation("hospit", "0:title:0", ["title^10", "title_ja^10"]) in queries
    assert not any(
        next(iter(q.values())).get("_name", "").startswith("0:reading:") for q in queries
    )


def test_katakana_survey_also_asks_for_survey(db):
    [part] = must_of("アンケート", expand=True)
    names = [q["bool"]["_name"] for q in part["dis_max"]["queries"] if "bool" in q]
    found = [n for n in names if n.startswith("0:body:")]
    assert any(translation("survey", name) in part["dis_max"]["queries"] for name in found)


def test_without_expansion_no_translation_is_asked(db):
    [part] = must_of("病院", expand=False)
    assert not [q for q in part["dis_max"]["queries"] if "bool" in q]


def test_why_reports_a_translation_and_a_reading_from_the_named_queries(db):
    from search.backends.elasticsearch.searcher import why_from
    from search.text.tokens import parse_query

    parsed = parse_query("病院 てんき", expand=True)
    label = parsed.parts[0].translations()[0].label
    why = why_from(1, ["0:body:0", "0:summary:0", "1:reading"], parsed)
    assert [(m.term, m.fields, m.translation) for m in why.terms] == [
        ("てんき", ["reading"], False),
        (label, ["summary", "body"], True),
    ]
    # Found through its translation: not missing.
    assert why.missing_terms == []
    assert why.fields == ["summary", "body", "reading", "translation"]
