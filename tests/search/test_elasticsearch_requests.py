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


def named_japanese(index: int, run: str, kuromoji: bool = False) -> dict:
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
        queries.append(named(clause, f"{index}:{group}"))
    return {"dis_max": {"queries": queries}}


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
    assert rules == [f"{form} => {stem(form)}" for form in sorted(IRREGULAR_FORMS)]
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
    body = search_body(SearchRequest(query="introducing games"), "kyozai_library", False)
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


def test_japanese_query_body_is_a_phrase_of_bigrams_on_the_cjk_fields():
    body = search_body(SearchRequest(query="授業案"), "kyozai_library", False)
    assert body["query"] == {
        "bool": {
            "must": [named_japanese(0, "授業案")],
            "should": [
                {
                    "constant_score": {
                        "filter": {
                            "bool": {
                                "must": [japanese("授業案", ["title.cjk^10", "title_ja.cjk^10"])]
                            }
                        },
                        "boost": 100.0,
                    }
                }
            ],
        }
    }


def test_japanese_query_with_kuromoji_also_asks_the_morphological_field():
    body = search_body(SearchRequest(query="天気"), "kyozai_library", True)
    assert body["query"]["bool"]["must"] == [named_japanese(0, "天気", kuromoji=True)]
    # The same fields as one clause over every field would ask, a group at a time.
    groups = body["query"]["bool"]["must"][0]["dis_max"]["queries"]
    asked = [f for group in groups for f in group["dis_max"]["queries"][0]["multi_match"]["fields"]]
    assert asked == CJK_FIELDS


def test_filtered_query_body_uses_post_filter_and_per_facet_filters(db):
    request, _vocabulary = build_request(
        "天気",
        {"grade": ["ES5", "ES6"], "activity_type": ["game"], "max_minutes": ["20"]},
        sort="newest",
        page=2,
        page_size=10,
    )
    body = search_body(request, "kyozai_library", False)
    grades = {"terms": {"grades": ["ES5", "ES6"]}}
    games = {"terms": {"activity_types": ["game"]}}
    both = {"bool": {"must": [grades, games]}}
    assert body == {
        "query": {
            "bool": {
                "filter": [{"range": {"duration_minutes": {"lte": 20}}}],
                "must": [named_japanese(0, "天気")],
                "should": [
                    {
                        "constant_score": {
                            "filter": {
                                "bool": {
                                    "must": [japanese("天気", ["title.cjk^10", "title_ja.cjk^10"])]
                                }
                            },
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


def test_browsing_without_words_sorts_newest_and_asks_for_no_highlight():
    body = search_body(SearchRequest(), "kyozai_library", False)
    assert "query" not in body
    assert "highlight" not in body
    assert body["sort"] == [{"first_published_at": {"order": "desc"}}, "_score"]


def test_most_used_sort():
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
def test_user_text_is_passed_as_text_never_as_query_syntax(query):
    body = json.dumps(search_body(SearchRequest(query=query), "kyozai_library", False))
    assert "query_string" not in body
    assert "simple_query_string" not in body


def test_most_words_asks_for_any_word_ranked_by_how_many_then_where():
    request = SearchRequest(query="introducing yourself").with_most_words()
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
    request, _dropped = build_request("天気 ビンゴ", {"grade": ["ES5"], "max_minutes": ["20"]})
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
        "0": japanese("天気"),
        "1": japanese("びんご"),  # as normalised: katakana folded
    }


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
