"""Everything again, against a live Elasticsearch cluster.

Skipped unless ELASTICSEARCH_URL is set, e.g.

    docker run -d --name kyozai-es -p 9200:9200 -e discovery.type=single-node \\
        -e xpack.security.enabled=false docker.elastic.co/elasticsearch/elasticsearch:9.1.0
    ELASTICSEARCH_URL=http://127.0.0.1:9200 .venv/bin/pytest tests/search/test_elasticsearch_live.py

Each test works in its own alias (kyozai_test_<random>) and deletes its indices after.
The kuromoji test also needs the analysis-kuromoji plugin
(`bin/elasticsearch-plugin install analysis-kuromoji`) and is skipped without it.
"""

import os
import uuid

import pytest
from django.core.management import call_command

from search.backends.elasticsearch import breaker, get_client
from search.backends.elasticsearch.indexer import concrete_indices
from search.service import search, suggest

URL = os.environ.get("ELASTICSEARCH_URL", "")

pytestmark = [
    pytest.mark.django_db,
    pytest.mark.skipif(not URL, reason="ELASTICSEARCH_URL is not set: no live cluster to test"),
]


@pytest.fixture(autouse=True)
def live_cluster(settings):
    alias = f"kyozai_test_{uuid.uuid4().hex[:10]}"
    settings.KYOZAI_SEARCH_BACKEND = "elasticsearch"
    settings.KYOZAI_SEARCH_ES_URL = URL
    settings.KYOZAI_SEARCH_ES_INDEX = alias
    settings.KYOZAI_SEARCH_ES_TIMEOUT = 10.0
    settings.KYOZAI_SEARCH_ES_KUROMOJI = False
    breaker.reset()
    yield alias
    client = get_client()
    client.indices.delete(index=f"{alias}*", ignore_unavailable=True, allow_no_indices=True)


def titles(results) -> set[str]:
    assert results.backend == "elasticsearch"
    return {hit.title for hit in results.hits}


def test_publishing_indexes_into_the_cluster(library, live_cluster):
    assert concrete_indices()  # created on the first publish, with our mapping
    mapping = get_client().indices.get_mapping(index=live_cluster).body
    properties = next(iter(mapping.values()))["mappings"]["properties"]
    assert properties["title"]["fields"]["cjk"]["analyzer"] == "kyozai_cjk_index"
    assert "Weather words" in titles(search("天気"))


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("授業案", "Photosynthesis lesson plan"),
        ("天気", "Weather words"),
        ("ＢＩＮＧＯ", "Fruit bingo"),
        ("bingo", "Class party ideas"),
        ("ｶﾀｶﾅ", "Loanword practice"),
        ("カタカナ", "Menu reading"),
        ("games", "Word chain"),
        ("introducing", "Self-introduction worksheet"),
        ("wether", "Weather words"),  # fuzzy: one typo
        ("ウォームアップ", "Weather words"),  # taxonomy name in Japanese
    ],
)
def test_the_language_cases_on_the_cluster(library, query, expected):
    assert expected in titles(search(query))


def test_drafts_are_not_in_the_cluster(library):
    assert "Secret draft bingo" not in titles(search("bingo"))


def test_a_title_match_ranks_first(library, publish):
    publish(title="Notes", summary="penguin penguin penguin penguin")
    publish(title="Penguin")
    assert search("penguin").hits[0].title == "Penguin"


def test_multi_select_facets_on_the_cluster(library):
    results = search("", {"grade": ["JHS1"], "activity_type": ["worksheet"]})
    assert results.total == 2
    grade = {value.value: value.count for value in results.facets["grade"]}
    activity = {value.value: value.count for value in results.facets["activity_type"]}
    assert grade == {"JHS1": 2}
    assert activity == {"game": 1, "worksheet": 2}


def test_highlights_are_escaped_by_the_cluster(publish):
    publish(title="<b>bold</b> bingo")
    hit = search("bingo").hits[0]
    assert hit.highlight_title == "&lt;b&gt;bold&lt;&#x2F;b&gt; <mark>bingo</mark>" or (
        hit.highlight_title == "&lt;b&gt;bold&lt;/b&gt; <mark>bingo</mark>"
    )


def test_suggestions_from_the_completion_field(library):
    assert "Weather words" in {s.title for s in suggest("Weat")}
    assert "Weather words" in {s.title for s in suggest("天気")}


def test_unpublishing_removes_from_the_cluster(library, django_capture_on_commit_callbacks):
    with django_capture_on_commit_callbacks(execute=True):
        library.weather.unpublish()
    assert "Weather words" not in titles(search("weather"))


def test_rebuild_swaps_the_alias_without_downtime(library, live_cluster):
    before = concrete_indices()
    call_command("search_index", "rebuild", "--backend", "elasticsearch", "--no-progress")
    after = concrete_indices()
    assert len(after) == 1
    assert after != before
    assert not get_client().indices.exists(index=before[0])
    assert "Weather words" in titles(search("天気"))


def test_update_and_status_on_the_cluster(library, capsys):
    call_command("search_index", "update", "--backend", "elasticsearch", "--no-progress")
    call_command("search_index", "status", "--backend", "elasticsearch")
    out = capsys.readouterr().out
    assert "to update: 0" in out
    assert "to remove: 0" in out


def test_kuromoji_when_the_cluster_has_it(library, settings):
    plugins = get_client().cat.plugins(format="json").body
    if not any(p.get("component") == "analysis-kuromoji" for p in plugins):
        pytest.skip("the cluster has no analysis-kuromoji plugin")
    settings.KYOZAI_SEARCH_ES_KUROMOJI = True
    call_command("search_index", "rebuild", "--backend", "elasticsearch", "--no-progress")
    assert "Photosynthesis lesson plan" in titles(search("授業案"))


def test_more_like_this_on_the_cluster(library, publish):
    """Elasticsearch's own more_like_this ranks the pages reading most like a page, within
    the asked facets (the request is checked exactly in test_more_like_this.py)."""
    from search.backends import CLUSTER
    from search.more_like_this import Likeness

    forecast = publish(
        title="Weather forecast",
        summary="Sunny, rainy, cloudy: read tomorrow's weather forecast.",
        grades=["ES6"],
    )
    clauses = publish(
        title="Weather which we like",
        summary="Sunny, rainy, cloudy: relative clauses about the weather.",
        grades=["JHS3"],
    )
    like = Likeness.of_page(library.weather)
    elementary = {"grade": ["ES3", "ES4", "ES5", "ES6"]}
    found = CLUSTER.more_like_this(like, elementary, {like.page_id}, 6)
    assert found[0] == forecast.pk
    assert clauses.pk not in found
    assert library.weather.pk not in found
    assert clauses.pk in CLUSTER.more_like_this(like, {}, {like.page_id}, 6)


def test_no_dead_ends_and_why_it_matched_on_the_cluster(library):
    # "yourself" is "self" (the stemmer override): a word no page has makes it partial.
    results = search("introducing zebra", expand=False)
    assert results.backend == "elasticsearch"
    assert results.partial
    assert results.missing_terms == ["zebra"]
    first = results.hits[0]
    assert first.title == "Self-introduction worksheet"
    assert first.why.missing_terms == ["zebra"]
    (match,) = first.why.terms
    assert match.term == "introducing"
    assert "summary" in match.fields
    whole = search("weather gestures", expand=False)
    assert not whole.partial
    (hit,) = whole.hits
    assert {m.term: m.fields for m in hit.why.terms} == {
        "weather": ["title"],
        "gestures": ["summary"],
    }


# Issue #14: the language cases against the cluster (fields filled by Python analysis).


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("てんき", "Weather words"),  # the reading of 天気
        ("ハロウィーン", "Halloween costume parade"),  # ハロウィン, normalised
        ("ニューホライズン", "Loanword practice"),  # NEW HORIZON's reading, on its unit
        ("introducing yourself", "Self-introduction worksheet"),
        ("favorite things", "Loanword practice"),  # the unit "My favourite things"
    ],
)
def test_the_language_cases_are_answered_by_the_cluster(library, query, expected):
    assert expected in titles(search(query, expand=False))


def test_a_japanese_query_finds_an_english_only_page_below_japanese_ones(publish):
    publish(title="At the Doctor's", summary="Role-play a visit to the hospital.")
    publish(title="Places in town", title_ja="病院はどこですか")
    results = search("病院")
    assert [hit.title for hit in results.hits] == ["Places in town", "At the Doctor's"]
    assert "hospital" in results.expanded
    assert titles(search("病院", expand=False)) == {"Places in town"}
