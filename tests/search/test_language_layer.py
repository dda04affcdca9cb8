"""Issue #14, points 1, 2 and 4: the queries teachers type, each on the database backend
(SQLite by default, PostgreSQL with DATABASE_URL): Japanese readings and notational
variants, British/American spellings and word families, and the other language."""

from dataclasses import dataclass

import pytest

from library.models import TextbookSeries, TextbookUnit
from search.service import search

pytestmark = pytest.mark.django_db


@dataclass
class Pages:
    weather: object
    unit_page: object
    halloween: object
    colours: object
    favourites: object
    summary: object
    self_introduction: object
    kana_introduction: object
    doctor: object
    hospital_ja: object
    survey: object
    survey_ja: object


@pytest.fixture
def pages(publish, django_capture_on_commit_callbacks):
    series = TextbookSeries.objects.get(name="NEW HORIZON")
    unit = TextbookUnit.objects.filter(series=series).order_by("pk").first()
    found = Pages(
        weather=publish(title="Sunny or rainy?", title_ja="天気の表現を学ぼう"),
        unit_page=publish(title="Unit review quiz", title_ja="単元のまとめクイズ"),
        halloween=publish(title="Costume parade", title_ja="ハロウィンパーティーと仮装パレード"),
        colours=publish(title="Colour flashcards", summary="Eight colours to point at."),
        favourites=publish(title="Favorite places", summary="My favorite place is the gym."),
        summary=publish(
            title="Summary writing",
            summary="Read two short news articles and write a summary of each.",
        ),
        self_introduction=publish(
            title="This is me! Self-introduction cards", title_ja="自己紹介カード"
        ),
        kana_introduction=publish(title="Name cards", title_ja="じこしょうかいゲーム"),
        doctor=publish(
            title="At the Doctor's",
            summary="Role-play a visit to the hospital: What's wrong? I have a headache.",
        ),
        hospital_ja=publish(title="Places in town", title_ja="病院はどこですか"),
        survey=publish(title="Class Survey", summary="Ask classmates questions and graph it."),
        survey_ja=publish(title="School life", title_ja="学校生活アンケート"),
    )
    with django_capture_on_commit_callbacks(execute=True):
        found.unit_page.textbook_units.add(unit)
        found.unit_page.save_revision().publish()
    return found


def titles(results) -> list[str]:
    return [hit.title for hit in results.hits]


def test_a_hiragana_query_finds_the_kanji_word_by_its_reading(pages):
    assert "Sunny or rainy?" in titles(search("てんき", expand=False))


def test_the_series_reading_finds_its_units_pages(pages):
    assert "Unit review quiz" in titles(search("ニューホライズン", expand=False))


@pytest.mark.parametrize("spelling", ["ハロウィーン", "ハロウィン", "ハロウイン"])
def test_notational_variants_of_a_loanword_meet(pages, spelling):
    assert "Costume parade" in titles(search(spelling, expand=False))


def test_american_spelling_finds_british_and_back(pages):
    assert "Colour flashcards" in titles(search("color", expand=False))
    assert "Favorite places" in titles(search("favourite", expand=False))
    assert "Favorite places" in titles(search("favorite", expand=False))


def test_a_derived_form_finds_its_family(pages):
    assert titles(search("summarizing articles", expand=False)) == ["Summary writing"]


def test_introducing_yourself_finds_self_introduction(pages):
    assert "This is me! Self-introduction cards" in titles(
        search("introducing yourself", expand=False)
    )


def test_an_exact_match_ranks_above_a_reading_only_match(pages):
    found = titles(search("じこしょうかい", expand=False))
    assert found[:2] == ["Name cards", "This is me! Self-introduction cards"]


def test_a_japanese_query_finds_english_only_pages_below_japanese_ones(pages):
    results = search("病院")
    assert titles(results) == ["Places in town", "At the Doctor's"]
    assert "hospital" in results.expanded


def test_katakana_survey_finds_the_class_survey_below_the_japanese_page(pages):
    results = search("アンケート")
    assert titles(results)[0] == "School life"
    assert "Class Survey" in titles(results)
    assert "survey" in results.expanded


def test_an_english_query_finds_japanese_only_pages_too(pages):
    results = search("survey")
    assert titles(results)[0] == "Class Survey"
    assert "School life" in titles(results)


def test_expansion_can_be_turned_off(pages, settings):
    results = search("病院", expand=False)
    assert titles(results) == ["Places in town"]
    assert results.expanded == []
    settings.KYOZAI_SEARCH_EXPAND = False
    assert titles(search("病院")) == ["Places in town"]


def test_the_api_lists_the_expansion_and_takes_expand_0(client, pages):
    url = "/api/v1/search/"
    data = client.get(url, {"q": "病院"}).json()
    assert "hospital" in data["expanded"]
    assert [r["title"] for r in data["results"]] == ["Places in town", "At the Doctor's"]
    off = client.get(url, {"q": "病院", "expand": "0"}).json()
    assert off["expanded"] == []
    assert [r["title"] for r in off["results"]] == ["Places in town"]
    assert client.get(url, {"q": "病院", "expand": "maybe"}).status_code == 400
