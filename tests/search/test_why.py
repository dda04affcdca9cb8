"""Why it matched (issue #14 point 5): each result says which of the words it has and
where — title, summary, tags and topics (keywords), page text (body), a file, a
translation — in the API and in small text on the search page."""

import pytest

from search import service
from search.request import SearchRequest
from search.text.tokens import parse_query
from search.why import PageTerms, explain

pytestmark = pytest.mark.django_db
PAGE = "/search/"
API = "/api/v1/search/"


def why_of(results, page) -> dict:
    (hit,) = [hit for hit in results.hits if hit.page_id == page.pk]
    return {match.term: match.fields for match in hit.why.terms}


def test_each_field_is_named(library):
    # Without the bilingual expansion: only the words as typed (translations below).
    def search(query):
        return service.search(query, expand=False)

    assert why_of(search("weather"), library.weather) == {"weather": ["title"]}
    assert why_of(search("gestures"), library.weather) == {"gestures": ["summary"]}
    assert why_of(search("seasons"), library.weather) == {"seasons": ["keywords"]}
    both = why_of(search("天気 ジェスチャー"), library.weather)
    assert both == {"天気": ["title"], "じぇすちゃー": ["summary"]}


def test_a_translation_is_named_as_one(library):
    # The bilingual expansion (search/text/bilingual.py) widens 天気 with "weather".
    request = SearchRequest(query="天気")
    assert "weather" in request.expanded
    (hit,) = service.answer(request).hits
    assert [(m.term, m.fields, m.translation) for m in hit.why.terms] == [
        ("天気", ["title"], False),
        ("weather", ["title"], True),
    ]
    assert hit.why.fields == ["title", "translation"]


def test_body_and_file_are_told_apart():
    page = PageTerms(
        page_id=0,
        title_terms="",
        keyword_terms="",
        summary_text="",
        summary_ja="",
        body_text="Play rock paper scissors.",
    )
    parts = parse_query("scissors hedgehog").parts
    why = explain(page, parts, matched=[0, 1])
    # The index found "hedgehog" in the page, but not in its own text: in a file.
    assert [(m.term, m.fields) for m in why.terms] == [
        ("scissors", ["body"]),
        ("hedgehog", ["file"]),
    ]
    assert explain(page, parts, matched=[0]).missing_terms == ["hedgehog"]


def test_a_japanese_phrase_must_be_side_by_side():
    page = PageTerms(0, "", "", "", "", body_text="授業の案と自己紹介")
    (part,) = parse_query("授業案").parts
    assert page.fields_having(part) == []
    (part,) = parse_query("自己紹介").parts
    assert page.fields_having(part) == ["body"]


def test_a_word_found_through_its_reading_or_word_form_is_not_called_a_file(library):
    """てんき is 天気's reading, and Sudachi gives it 天気's word form, which the title has:
    "title", not "file" (search/text/japanese.py)."""
    results = service.search("てんき", expand=False)
    assert why_of(results, library.weather) == {"てんき": ["title"]}
    # A page holding the word only as a reading (the readings column): "reading".
    page = PageTerms(0, "", "", "", "", body_text="", reading_terms="yてんき")
    parts = parse_query("てんき").parts
    why = explain(page, parts, matched=[0])
    assert [(m.term, m.fields) for m in why.terms] == [("てんき", ["reading"])]
    assert why.files == []


def test_the_api_says_why(client, library):
    body = client.get(API, {"q": "weather gestures", "expand": "0"}).json()
    (result,) = body["results"]
    assert result["match"] == {
        "fields": ["title", "summary"],
        "terms": [
            {"term": "weather", "fields": ["title"], "translation": False},
            {"term": "gestures", "fields": ["summary"], "translation": False},
        ],
        "missing_terms": [],
        "files": [],
    }
    browse = client.get(API, {"grade": "ES5"}).json()
    assert all(r["match"]["terms"] == [] for r in browse["results"])


def test_the_page_shows_why_in_small_text(client, library):
    html = client.get(PAGE, {"q": "weather gestures"}).content.decode()
    assert '<p class="hit__why">' in html
    assert "Why it matched:" in html
    assert "“weather” — title" in html
    assert "“gestures” — summary" in html
    browse = client.get(PAGE, {"grade": "ES5"}).content.decode()
    assert "hit__why" not in browse


def test_the_page_names_the_missing_words(client, library):
    html = client.get(PAGE, {"q": "introducing zebra"}).content.decode()
    assert "not found: “zebra”" in html
