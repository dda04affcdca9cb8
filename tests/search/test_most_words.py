"""No dead ends (issue #14 point 3): when no page has every word, the pages with most of
them, ranked by how many and where, and the page and the API say so. Did-you-mean comes
first (search/service.py `_answer_or_retry`)."""

import pytest
from django.urls import reverse

from search import service
from search.request import SearchRequest

pytestmark = pytest.mark.django_db
PAGE = reverse("search:page")
API = "/api/v1/search/"


def ids(results) -> list[int]:
    return [hit.page_id for hit in results.hits]


def test_introducing_yourself_finds_the_self_introduction_pages(library, publish):
    # "yourself" means "self" (search/text/english.py): every word is found, no fallback.
    results = service.search("introducing yourself")
    assert not results.partial
    assert library.introduction.pk in ids(results)


def test_a_word_no_page_has_leaves_the_pages_with_the_others(library, publish):
    results = service.search("introducing zebra")
    assert results.partial
    assert library.introduction.pk in ids(results)
    assert results.terms == ["introducing", "zebra"]
    assert results.missing_terms == ["zebra"]
    first = results.hits[0]
    assert first.why.missing_terms == ["zebra"]
    assert [match.term for match in first.why.terms] == ["introducing"]


def test_summarizing_articles_is_not_a_dead_end(library, publish):
    summary = publish(title="Summarizing a story", summary="Tell the story in three lines.")
    articles = publish(title="Newspaper articles", summary="Read two short articles.")
    results = service.search("summarizing articles")
    assert results.partial
    assert results.total == 2
    assert set(ids(results)) == {summary.pk, articles.pk}
    assert results.missing_terms == []


def test_more_words_rank_above_fewer_and_title_above_summary(db, publish):
    two_in_summary = publish(title="Chant", summary="A robot dance to clap along.")
    two_in_title = publish(title="Robot dance", summary="Move like a machine.")
    one = publish(title="Robot drawing", summary="Draw a robot.")
    results = service.search("robot dance zebra")
    assert results.partial
    assert ids(results) == [two_in_title.pk, two_in_summary.pk, one.pk]
    scores = [hit.score for hit in results.hits]
    assert scores == sorted(scores, reverse=True)
    assert 2 <= scores[1] < scores[0] < 3
    assert 1 <= scores[2] < 2
    assert results.missing_terms == ["zebra"]


def test_a_page_with_every_word_is_not_partial(library):
    results = service.search("weather words")
    assert not results.partial
    assert ids(results) == [library.weather.pk]
    assert results.missing_terms == []


def test_one_word_found_nowhere_stays_empty(library):
    results = service.search("zyzzyva")
    assert results.total == 0
    assert not results.partial


def test_a_misspelling_is_corrected_before_partial_matches(library):
    # "bingp" has a close word (bingo): every word of the corrected query is tried first.
    results = service.search("fruit bingp")
    assert results.suggestion == "fruit bingo"
    assert not results.partial
    assert ids(results) == [library.fruit_bingo.pk]


def test_partial_matches_respect_the_filters(library):
    results = service.search("fruit weather", {"grade": ["ES3"]})
    assert results.partial
    assert ids(results) == [library.fruit_bingo.pk]


def test_japanese_words_can_match_partially(library):
    results = service.search("天気 ビンゴ")
    assert results.partial
    assert {library.weather.pk, library.fruit_bingo.pk} <= set(ids(results))


def test_the_api_says_partial_and_missing_terms(client, library):
    body = client.get(API, {"q": "introducing zebra"}).json()
    assert body["partial"] is True
    assert body["terms"] == ["introducing", "zebra"]
    assert body["missing_terms"] == ["zebra"]
    assert body["results"][0]["slug"] == library.introduction.slug
    assert body["results"][0]["match"]["missing_terms"] == ["zebra"]
    whole = client.get(API, {"q": "weather"}).json()
    assert whole["partial"] is False
    assert whole["missing_terms"] == []


def test_the_page_says_so(client, library):
    html = client.get(PAGE, {"q": "introducing zebra"}).content.decode()
    assert "No page has all of “introducing”, “zebra”; showing pages with most of them." in html
    assert "No page has “zebra” at all." in html
    assert library.introduction.url in html


def test_the_page_says_so_in_japanese_too(client, library):
    """The Japanese wording arrives with ja-searchmatch.po (merged by the integrator); the
    page is Japanese and the notice names the words either way."""
    html = client.get(PAGE, {"q": "introducing zebra"}, HTTP_ACCEPT_LANGUAGE="ja").content.decode()
    assert '<html lang="ja">' in html
    assert 'class="search-message search-message--partial" role="status"' in html
    assert "“introducing”, “zebra”" in html


def test_the_words_are_escaped_in_the_notice(client, library):
    html = client.get(PAGE, {"q": "introducing <b>yourself</b>"}).content.decode()
    assert "<b>yourself" not in html
    assert "“b”" in html  # the parsed words, each escaped: b, yourself


def test_the_request_match_mode_is_not_part_of_the_cache_key():
    request = SearchRequest(query="a b")
    assert request.with_most_words().cache_parts() == request.cache_parts()
    assert request.with_most_words().most_words
    assert not request.most_words
