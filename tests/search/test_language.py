"""Issue #4, point 3: the language cases, each next to stock Wagtail search on the same
pages. Run on SQLite by default and on PostgreSQL with DATABASE_URL set (CI runs both)."""

import pytest
from django.conf import settings

from library.models import LibraryPage
from search.service import search

pytestmark = pytest.mark.django_db

stock_database_search = pytest.mark.skipif(
    not settings.WAGTAILSEARCH_BACKENDS["default"]["BACKEND"].endswith(".database"),
    reason="compares with Wagtail's database backend (ELASTICSEARCH_URL switches it)",
)


def titles(results) -> set[str]:
    return {hit.title for hit in results.hits}


def stock_titles(query: str) -> set[str]:
    return {page.title for page in LibraryPage.objects.live().search(query)}


def test_a_word_inside_an_unspaced_japanese_run_is_found(library):
    assert "Photosynthesis lesson plan" in titles(search("授業案"))


@stock_database_search
def test_stock_wagtail_search_misses_the_word_inside_the_run(library):
    # Stock search indexes 光合成の授業案 as one token: the whole run finds the page …
    assert "Photosynthesis lesson plan" in stock_titles("光合成の授業案")
    # … but the word inside it does not.
    assert "Photosynthesis lesson plan" not in stock_titles("授業案")


def test_a_two_character_word_at_the_start_of_a_run_is_found(library):
    assert titles(search("天気")) == {"Weather words"}


@stock_database_search
def test_stock_wagtail_search_misses_the_two_character_word(library):
    assert "Weather words" in stock_titles("天気の表現を学ぼう")
    assert "Weather words" not in stock_titles("天気")


def test_a_two_character_word_at_the_end_of_a_run_is_found(library):
    # 練習 sits inside カタカナ語の練習シート; 表現 in the middle of 天気の表現を学ぼう.
    assert "Loanword practice" in titles(search("練習"))
    assert "Weather words" in titles(search("表現"))


def test_one_kanji_finds_runs_containing_it(library):
    assert {"Weather words"} <= titles(search("気"))
    assert "Photosynthesis lesson plan" in titles(search("案"))  # the last character of a run


def test_full_width_latin_letters_match_ordinary_ones_both_ways(library):
    found = titles(search("ＢＩＮＧＯ"))
    assert {"Fruit bingo", "Class party ideas"} <= found
    assert {"Fruit bingo", "Class party ideas"} <= titles(search("bingo"))


def test_half_width_katakana_matches_full_width_both_ways(library):
    assert {"Loanword practice", "Menu reading"} <= titles(search("ｶﾀｶﾅ"))
    assert {"Loanword practice", "Menu reading"} <= titles(search("カタカナ"))
    assert "Menu reading" in titles(search("メニュー"))  # ﾒﾆｭｰ in the page


def test_hiragana_finds_katakana(library):
    assert "Loanword practice" in titles(search("かたかな"))


def test_english_plural_finds_the_singular(library):
    assert "Word chain" in titles(search("games"))  # "A quick game …"


def test_english_verb_form_finds_the_noun(library):
    assert "Self-introduction worksheet" in titles(search("introducing"))
    assert "Self-introduction worksheet" in titles(search("introduction"))


def test_one_misspelt_english_word_is_corrected_and_said_so(library):
    results = search("wether")
    assert results.suggestion == "weather"
    assert results.query == "wether"
    assert "Weather words" in titles(results)


def test_a_swapped_pair_of_letters_counts_as_one_mistake(library):
    results = search("bnigo")
    assert results.suggestion == "bingo"
    assert "Fruit bingo" in titles(results)


def test_a_correct_word_is_never_corrected(library):
    results = search("weather")
    assert results.suggestion == ""
    assert "Weather words" in titles(results)


def test_the_correction_keeps_the_other_words(library):
    results = search("fruit bnigo")
    assert results.suggestion == "fruit bingo"
    assert titles(results) == {"Fruit bingo"}


def test_nonsense_finds_nothing_and_suggests_nothing(library):
    results = search("qqqzzzx")
    assert results.total == 0
    assert results.suggestion == ""


def test_mixed_english_and_japanese_must_both_match(library):
    assert titles(search("bingo フルーツ")) == {"Fruit bingo"}
    # No page has both: every page must have both to be an exact answer, so the answer is
    # the pages with most of the words, marked partial (search/service.py, no dead ends).
    neither = search("bingo 天気")
    assert neither.partial
    assert neither.missing_terms == []


def test_quoted_words_must_appear_together(library):
    assert "Weather words" in titles(search('"weather words"'))
    assert "Weather words" not in titles(search('"words weather"'))


def test_english_stopwords_do_not_block_a_match(library):
    assert "Weather words" in titles(search("the weather"))


def test_taxonomy_names_in_both_languages_are_searchable(library):
    # Activity type "Warm-up" / ウォームアップ and grade 小5 are not in the page's own text.
    assert "Weather words" in titles(search("ウォームアップ"))
    assert "Word chain" in titles(search("小5 しりとり"))


def test_tags_and_textbook_units_are_searchable(library):
    assert "Weather words" in titles(search("seasons"))
    assert "Loanword practice" in titles(search("好きなもの"))
    assert "Loanword practice" in titles(search("new horizon"))
