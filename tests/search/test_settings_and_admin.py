"""Configuration: which backends ELASTICSEARCH_URL turns on, and Wagtail's admin search."""

import json
import os
import subprocess
import sys

import pytest
from django.conf import settings

pytestmark = pytest.mark.django_db

READ_SETTINGS = (
    "import json, django; django.setup(); from django.conf import settings as s; "
    "print(json.dumps([s.KYOZAI_SEARCH_BACKEND, s.KYOZAI_SEARCH_ES_URL, "
    "s.KYOZAI_SEARCH_ES_INDEX, s.KYOZAI_SEARCH_ES_TIMEOUT, s.KYOZAI_SEARCH_ES_COOLDOWN, "
    "s.KYOZAI_SEARCH_ES_KUROMOJI, s.WAGTAILSEARCH_BACKENDS['default']['BACKEND']]))"
)


def settings_with(**env) -> list:
    environment = {
        key: value
        for key, value in os.environ.items()
        if not key.startswith(("ELASTICSEARCH", "SEARCH_"))
    }
    environment.update(env, DJANGO_SETTINGS_MODULE="config.settings.test")
    done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", READ_SETTINGS],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )
    assert done.returncode == 0, done.stderr
    return json.loads(done.stdout.strip().splitlines()[-1])


def test_without_a_cluster_everything_uses_the_database():
    assert settings_with() == [
        "database",
        "",
        "kyozai_library",
        2.0,
        30,
        False,
        "wagtail.search.backends.database",
    ]


def test_elasticsearch_url_switches_kyozai_and_wagtail_admin_search():
    assert settings_with(
        ELASTICSEARCH_URL="http://search.internal:9200",
        SEARCH_ES_INDEX="Kyozai_Prod",
        SEARCH_ES_TIMEOUT_MS="800",
        SEARCH_ES_COOLDOWN_SECONDS="60",
        SEARCH_ES_KUROMOJI="true",
    ) == [
        "elasticsearch",
        "http://search.internal:9200",
        "kyozai_prod",
        0.8,
        60,
        True,
        # Wagtail's Elasticsearch backend that answers from the database when the cluster
        # is down (config/wagtail_search.py).
        "config.wagtail_search",
    ]


def test_the_database_backend_can_be_kept_with_a_cluster_configured():
    assert settings_with(ELASTICSEARCH_URL="http://x:9200", SEARCH_BACKEND="database")[0] == (
        "database"
    )


def test_a_wrong_backend_name_stops_the_start():
    environment = dict(os.environ, SEARCH_BACKEND="solr")
    environment["DJANGO_SETTINGS_MODULE"] = "config.settings.test"
    done = subprocess.run(  # noqa: S603 - our own interpreter and a fixed script
        [sys.executable, "-c", READ_SETTINGS],
        env=environment,
        capture_output=True,
        text=True,
        check=False,
        cwd=settings.BASE_DIR,
    )
    assert done.returncode != 0
    assert "SEARCH_BACKEND must be database or elasticsearch" in done.stderr


def test_wagtail_admin_page_search_keeps_working(client, editor, library):
    client.force_login(editor)
    response = client.get("/admin/pages/search/", {"q": "Weather"})
    assert response.status_code == 200
    assert "Weather words" in response.content.decode()
