"""One circuit breaker in front of the cluster (search/backends/guarded.py), for searches,
suggestions and index writes alike: a failure in any of them keeps all of them away from
the cluster for the cool-down. The cluster is a real closed local port."""

import logging
import re

import pytest

from search.backends.elasticsearch import breaker
from search.service import search, suggest
from tests.import_graph import modules_under

pytestmark = pytest.mark.django_db


def test_a_failed_search_keeps_suggestions_and_index_writes_off_the_cluster(
    library, dead_cluster, publish, caplog
):
    assert search("bingo").backend == "database"
    attempts = breaker.attempts

    assert [s.title for s in suggest("wea")] == ["Weather words"]
    with caplog.at_level(logging.WARNING, logger="kyozai.search"):
        page = publish(title="Storm bingo")

    assert breaker.attempts == attempts  # the open breaker let nothing through
    assert breaker.failures == 1
    assert page.live
    assert "Search cluster skipped (circuit open): index of page" in caplog.text
    assert search("storm").hits[0].title == "Storm bingo"  # the database has it


def test_a_failed_write_opens_the_breaker_for_searches_too(dead_cluster, publish, caplog):
    with caplog.at_level(logging.WARNING, logger="kyozai.search"):
        publish(title="Storm bingo")
    # Publishing reaches the cluster first for the page's related materials (computed as
    # it publishes), or for its index write: whichever fails opens the breaker, and the
    # index write that follows is not sent.
    assert re.search(r"Search cluster unreachable, (index of page|related materials)", caplog.text)
    assert re.search(r"index of page \d+ not sent|Search cluster unreachable, index", caplog.text)
    assert breaker.failures == 1
    attempts = breaker.attempts

    assert search("storm").backend == "database"
    assert breaker.attempts == attempts


def test_the_fallback_is_logged_with_how_long_the_database_answers(library, dead_cluster, caplog):
    with caplog.at_level(logging.WARNING, logger="kyozai.search"):
        search("bingo")
    assert re.search(
        r"Search cluster unreachable, search answered by the database for the next 300 s: ",
        caplog.text,
    )


def test_only_the_guarded_backend_works_the_breaker():
    """The breaker is asked and told in one place; no other module of search/ repeats the
    try-the-cluster-else-fall-back dance."""
    users = sorted(
        name
        for name, path in modules_under("search").items()
        if re.search(r"\.(allow|record_failure|record_success)\(", path.read_text())
    )
    assert users == ["search.backends.guarded"]
