""" "More like this" on both backends (search/more_like_this.py): the database's OR query of
the page's telling terms, within the asked facets, and Elasticsearch's `more_like_this`
query checked against the exact JSON (the live module sends it to a real cluster)."""

import logging

import pytest

from search.backends import DATABASE
from search.backends.elasticsearch.more_like_this import search_body
from search.more_like_this import Likeness, similar_pages
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def weather(publish):
    page = publish(
        title="Weather bingo",
        title_ja="天気ビンゴ",
        summary="Sunny, rainy, cloudy: mark the weather you hear.",
        grades=["ES5"],
        tags=["weather"],
    )
    close = publish(
        title="Weather forecast",
        summary="Sunny or rainy tomorrow? Read the weather forecast.",
        grades=["ES6"],
    )
    japanese = publish(title="Forecast cards", title_ja="天気カード", grades=["ES5"])
    far = publish(
        title="Weather which we like",
        summary="Sunny, rainy, cloudy: relative clauses about the weather.",
        grades=["JHS3"],
    )
    unrelated = publish(title="Fruit basket", summary="Apples and bananas.", grades=["ES5"])
    return page, close, japanese, far, unrelated


def test_the_database_ranks_by_shared_telling_terms(weather):
    page, close, japanese, far, unrelated = weather
    found = DATABASE.more_like_this(Likeness.of_page(page), {}, {page.pk}, 10)
    # Sharing words in English or Japanese (天気, as bigrams); not the fruit basket.
    assert set(found) == {close.pk, japanese.pk, far.pk}
    assert unrelated.pk not in found
    assert page.pk not in found


def test_the_database_keeps_within_the_facets_and_leaves_out_what_is_excluded(weather):
    page, close, japanese, far, _unrelated = weather
    like = Likeness.of_page(page)
    elementary = {"grade": ["ES5", "ES6"]}
    assert set(DATABASE.more_like_this(like, elementary, {page.pk}, 10)) == {close.pk, japanese.pk}
    assert DATABASE.more_like_this(like, elementary, {page.pk, close.pk}, 10) == [japanese.pk]
    assert DATABASE.more_like_this(like, {"grade": ["JHS3"]}, {page.pk}, 1) == [far.pk]


def test_a_page_with_no_text_in_common_finds_nothing(publish):
    page = publish(title="Zzyzx quux", summary="Plugh xyzzy.")
    publish(title="Fruit basket", summary="Apples and bananas.")
    assert similar_pages(page, {}, {page.pk}, 6) == []


def test_a_page_is_compared_before_its_own_index_entry_exists(weather):
    _page, close, *_rest = weather
    unindexed = MaterialPageFactory(title="Rainy weather forecast", grades=["ES6"])
    assert close.pk in similar_pages(unindexed, {}, {unindexed.pk}, 6)


def test_a_dead_cluster_is_answered_by_the_database(weather, dead_cluster, caplog):
    page, close, japanese, _far, _unrelated = weather
    with caplog.at_level(logging.WARNING, logger="kyozai.search"):
        found = similar_pages(page, {"grade": ["ES5", "ES6"]}, {page.pk}, 6)
    assert set(found) == {close.pk, japanese.pk}
    assert "related materials answered by the database" in caplog.text


def test_the_elasticsearch_request_is_exactly_the_reviewed_one():
    like = Likeness(
        page_id=7, title="Weather bingo\n天気ビンゴ", summary="Sunny.\n", tags="weather", body=""
    )
    assert search_body(like, {"unit": ["12", "13"], "grade": ["ES5"]}, {7, 3}, 10) == {
        "query": {
            "bool": {
                "must": [
                    {
                        "more_like_this": {
                            "fields": [
                                "title",
                                "title.cjk",
                                "title_ja",
                                "title_ja.cjk",
                                "summary",
                                "summary.cjk",
                                "summary_ja",
                                "summary_ja.cjk",
                                "keywords",
                                "keywords.cjk",
                                "body_text",
                                "body_text.cjk",
                            ],
                            "like": ["Weather bingo\n天気ビンゴ", "Sunny.\n", "weather"],
                            "min_term_freq": 1,
                            "min_doc_freq": 2,
                            "max_query_terms": 25,
                        }
                    }
                ],
                "filter": [{"terms": {"grades": ["ES5"]}}, {"terms": {"units": ["12", "13"]}}],
                "must_not": [{"ids": {"values": ["3", "7"]}}],
            }
        },
        "_source": False,
        "size": 10,
    }
