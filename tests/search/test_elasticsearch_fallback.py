"""With Elasticsearch configured but unreachable, teachers still get answers: the database
answers, a warning is logged, and the circuit breaker keeps requests away from the cluster
for a while. The cluster is a real closed local port (connection refused) — no mock."""

import logging

import pytest
from django.core.management import CommandError, call_command

from search.backends.elasticsearch import breaker
from search.service import search, suggest

pytestmark = pytest.mark.django_db


def test_search_answers_from_the_database_and_logs_a_warning(library, dead_cluster, caplog):
    with caplog.at_level(logging.WARNING, logger="kyozai.search"):
        results = search("授業案")
    assert results.backend == "database"
    assert [hit.title for hit in results.hits] == ["Photosynthesis lesson plan"]
    assert any("Search cluster unreachable" in record.getMessage() for record in caplog.records)
    assert breaker.failures == 1
    assert breaker.is_open()


def test_the_open_breaker_skips_the_cluster_until_the_cool_down_ends(library, dead_cluster):
    search("bingo")
    attempts = breaker.attempts
    for _ in range(3):
        assert search("bingo").backend == "database"
    assert breaker.attempts == attempts  # not one more try while the circuit is open
    assert breaker.failures == 1


def test_after_the_cool_down_the_cluster_is_tried_again(library, dead_cluster):
    dead_cluster.KYOZAI_SEARCH_ES_COOLDOWN = 0
    search("bingo")
    search("bingo")
    assert breaker.attempts == 2
    assert breaker.failures == 2


def test_the_api_reports_which_backend_answered(client, library, dead_cluster):
    data = client.get("/api/v1/search/", {"q": "天気"}).json()
    assert data["backend"] == "database"
    assert data["total"] == 1


def test_the_search_page_shows_results_not_an_error(client, library, dead_cluster):
    response = client.get("/search/", {"q": "bingo"})
    assert response.status_code == 200
    assert "Fruit <mark>bingo</mark>" in response.content.decode()


def test_suggestions_fall_back_too(library, dead_cluster):
    assert [s.title for s in suggest("wea")] == ["Weather words"]


def test_publishing_with_the_cluster_down_still_publishes_and_indexes_the_database(
    dead_cluster, publish, caplog
):
    with caplog.at_level(logging.WARNING, logger="kyozai.search"):
        page = publish(title="Storm bingo")
    assert page.live
    assert any("not sent" in record.getMessage() for record in caplog.records)
    assert search("storm").hits[0].title == "Storm bingo"


def test_search_index_says_clearly_when_the_cluster_does_not_answer(library, dead_cluster):
    with pytest.raises(CommandError, match="elasticsearch: the cluster did not answer"):
        call_command("search_index", "status", "--backend", "elasticsearch")
