"""Elasticsearch down: the Wagtail admin's page, document and image searches still answer.

Wagtail's search is configured as production configures it with ELASTICSEARCH_URL, pointed
at a loopback port nothing listens on; the database index kept beside it answers.
"""

import logging

import pytest
from django.core.files.base import ContentFile
from wagtail.documents import get_document_model
from wagtail.models import Collection
from wagtail.search.backends import get_search_backend
from wagtail_factories import ImageFactory

from tests.config.stand_ins import closed_port
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db


@pytest.fixture
def cluster_down(settings):
    url = f"http://127.0.0.1:{closed_port()}"
    settings.ELASTICSEARCH_URL = url
    settings.WAGTAILSEARCH_BACKENDS = {
        "default": {
            "BACKEND": "config.wagtail_search",
            "URLS": [url],
            "INDEX_PREFIX": "kyozai_wagtail_test_",
            "TIMEOUT": 5,
        },
        "database": {"BACKEND": "wagtail.search.backends.database"},
    }
    return url


@pytest.fixture
def library_files(cluster_down):
    """Saved while the cluster is down: the database index takes them all the same."""
    MaterialPageFactory(title="Weather bingo", slug="weather-bingo")
    get_document_model().objects.create(
        title="Weather worksheet", file=ContentFile(b"%PDF-1.4 sheet", name="weather.pdf")
    )
    ImageFactory(title="Weather flashcards", collection=Collection.get_first_root_node())


def test_admin_searches_answer_from_the_database_when_the_cluster_is_down(
    client, editor, library_files, caplog
):
    caplog.set_level(logging.WARNING, logger="kyozai.search")
    client.force_login(editor)

    pages = client.get("/admin/pages/search/", {"q": "bingo"})
    documents = client.get("/admin/documents/", {"q": "worksheet"})
    images = client.get("/admin/images/", {"q": "flashcards"})
    chooser = client.get("/admin/choose-page/search/", {"q": "bingo"})

    assert [r.status_code for r in (pages, documents, images, chooser)] == [200] * 4
    assert "Weather bingo" in pages.content.decode()
    assert "Weather worksheet" in documents.content.decode()
    assert "Weather flashcards" in images.content.decode()
    assert "Weather bingo" in chooser.content.decode()

    breaker = get_search_backend().breaker
    assert (breaker.attempts, breaker.openings) == (1, 1)  # tried once, then left alone
    assert breaker.refused >= 3
    warnings = [r.getMessage() for r in caplog.records if "Wagtail's search" in r.getMessage()]
    assert len(warnings) == 1
    assert "unreachable" in warnings[0]


def test_the_database_answer_is_sliced_and_counted_like_the_clusters(cluster_down):
    for number in range(5):
        MaterialPageFactory(title=f"Weather game {number}", slug=f"weather-game-{number}")
    from library.models import MaterialPage

    results = get_search_backend().search("weather", MaterialPage)
    assert results.count() == 5
    assert len(results[1:3]) == 2
    assert results[1:3].count() == 2
    assert {page.title for page in results} == {f"Weather game {n}" for n in range(5)}
    scored = results.annotate_score("relevance")[:1]
    assert hasattr(next(iter(scored)), "relevance")
