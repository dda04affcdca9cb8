"""Remembered answers (search/cache.py): asked again, a search does not touch the index;
any index write — publish, unpublish, a class use — means the next answer is fresh."""

import pytest
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import translation

from search.service import search

SEARCH_TABLES = ("kyozai_search_",)


def index_queries(call) -> int:
    """How many SQL statements `call` sent to the search index tables."""
    with CaptureQueriesContext(connection) as captured:
        call()
    return sum(
        any(table in query["sql"] for table in SEARCH_TABLES) for query in captured.captured_queries
    )


@pytest.fixture
def remember(settings):
    settings.KYOZAI_SEARCH_CACHE_SECONDS = 300


def test_the_same_search_asked_again_does_not_touch_the_index(library, remember):
    first = search("bingo", {"grade": ["ES5"]})
    assert index_queries(lambda: search("bingo", {"grade": ["ES5"]})) == 0
    again = search("bingo", {"grade": ["ES5"]})
    assert [hit.slug for hit in again.hits] == [hit.slug for hit in first.hits]
    assert again.facets == first.facets
    # A different page, filter or sort is a different question.
    assert index_queries(lambda: search("bingo", {"grade": ["ES6"]})) > 0
    assert index_queries(lambda: search("bingo", {"grade": ["ES5"]}, sort="newest")) > 0


def test_asked_again_a_search_sends_no_sql_at_all(library, remember):
    search("天気", {"grade": ["ES4", "ES5"]})
    with CaptureQueriesContext(connection) as captured:
        search("天気", {"grade": ["ES4", "ES5"]})
    assert captured.captured_queries == []


def test_a_renamed_grade_is_shown_in_the_next_answer(
    library, remember, django_capture_on_commit_callbacks
):
    from library.models import Grade

    def grade_labels():
        return {value.label for value in search("bingo").facets["grade"]}

    assert "Elementary 4" in grade_labels()
    with django_capture_on_commit_callbacks(execute=True):
        grade = Grade.objects.get(code="ES4")
        grade.name = "Grade 4 (elementary)"
        grade.save()
    assert "Grade 4 (elementary)" in grade_labels()


def test_filters_in_another_order_are_the_same_question(library, remember):
    search("", {"grade": ["ES5", "ES6"], "type": ["material"]})
    assert index_queries(lambda: search("", {"type": ["material"], "grade": ["ES6", "ES5"]})) == 0


def test_publishing_means_the_next_answer_is_fresh(library, remember, publish):
    assert search("hedgehog").total == 0
    publish(title="Hedgehog bingo", title_ja="ハリネズミビンゴ")
    assert [hit.title for hit in search("hedgehog").hits] == ["Hedgehog bingo"]


def test_unpublishing_means_the_next_answer_is_fresh(
    library, remember, django_capture_on_commit_callbacks
):
    assert search("photosynthesis").total == 1
    with django_capture_on_commit_callbacks(execute=True):
        library.photosynthesis.unpublish()
    assert search("photosynthesis").total == 0


def test_a_class_use_reorders_most_used_at_once(
    library, remember, teacher, django_capture_on_commit_callbacks
):
    from library.models import ClassUse

    before = search("bingo", sort="most_used").hits
    last = before[-1]
    with django_capture_on_commit_callbacks(execute=True):
        ClassUse.objects.create(user=teacher, page_id=last.page_id)
    assert search("bingo", sort="most_used").hits[0].page_id == last.page_id


def test_each_language_has_its_own_labels(library, remember):
    with translation.override("en"):
        english = {value.label for value in search("bingo").facets["grade"]}
    with translation.override("ja"):
        japanese = {value.label for value in search("bingo").facets["grade"]}
    assert english.isdisjoint(japanese)


def test_zero_seconds_turns_it_off(library, settings):
    settings.KYOZAI_SEARCH_CACHE_SECONDS = 0
    search("bingo")
    assert index_queries(lambda: search("bingo")) > 0


def test_an_unreachable_cache_still_answers(library, settings, caplog):
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    settings.CACHES = {
        "default": {
            "BACKEND": "django.core.cache.backends.redis.RedisCache",
            "LOCATION": f"redis://127.0.0.1:{port}/0",
        }
    }
    settings.KYOZAI_SEARCH_CACHE_SECONDS = 300
    assert search("bingo").total > 0
    assert "search answers cache unavailable" in caplog.text


def test_a_fallback_answer_is_not_remembered(library, remember, dead_cluster):
    from search.backends.elasticsearch import breaker

    dead_cluster.KYOZAI_SEARCH_ES_COOLDOWN = 0
    assert search("bingo").backend == "database"
    search("bingo")
    assert breaker.attempts == 2  # asked the cluster again: the fallback was not reused
