"""The normaliser, the terms and the highlighter: the same text handling at index and query
time is what makes every language case work (no database needed)."""

import pytest

from search.text.english import stem
from search.text.highlight import highlight
from search.text.normalise import katakana_fold_pairs, normalise, normalise_with_offsets
from search.text.spelling import closest_word, edit_distance
from search.text.tokens import MAX_QUERY_PARTS, analyse, english_words, parse_query


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("ＢＩＮＧＯ", "bingo"),
        ("ｶﾀｶﾅ", "かたかな"),
        ("ｶﾞｯｺｳ", "がっこう"),
        ("カタカナ", "かたかな"),
        ("Ｕｎｉｔ　３", "unit 3"),
        ("天気の表現", "天気の表現"),
    ],
)
def test_normalise_folds_width_case_and_kana(text, expected):
    assert normalise(text) == expected


def test_offsets_point_back_at_the_original_characters():
    text = "ｶﾞｯｺｳ bingo"
    folded, starts, ends = normalise_with_offsets(text)
    assert folded == "がっこう bingo"
    assert text[starts[0] : ends[0]] == "ｶﾞ"  # two half-width characters became one
    assert text[starts[-1] : ends[-1]] == "o"


def test_the_elasticsearch_kana_mapping_agrees_with_normalise():
    pairs = dict(katakana_fold_pairs())
    assert pairs["カ"] == "か"
    assert pairs["ｶﾞ"] == "が"
    assert all(normalise(katakana) == hiragana for katakana, hiragana in pairs.items())


def test_japanese_runs_become_bigrams_and_a_last_character():
    assert analyse("光合成の授業案") == ["光合", "合成", "成の", "の授", "授業", "業案", "案"]
    assert analyse("歌") == ["歌"]


def test_english_words_are_stemmed_and_derivations_folded():
    assert stem("games") == stem("game")
    assert stem("introducing") == stem("introduction") == stem("introduce")
    assert stem("descriptions") == stem("describe")
    assert stem("children") == stem("child")
    assert analyse("The teacher's games") == ["the", "teacher", "game"]


def test_english_words_are_collected_as_written_for_did_you_mean():
    assert english_words("Weather ＢＩＮＧＯ and 天気 a x") == {"weather", "bingo", "and"}


def test_a_japanese_query_becomes_a_phrase_of_bigrams():
    part = parse_query("授業案").parts[0]
    assert part.terms == ("授業", "業案")
    assert not part.prefix


def test_a_one_character_query_is_a_prefix_query():
    part = parse_query("歌").parts[0]
    assert part.terms == ("歌",)
    assert part.prefix


def test_stopwords_are_dropped_unless_nothing_else_is_left():
    assert [p.terms for p in parse_query("the weather").parts] == [("weather",)]
    assert [p.terms for p in parse_query("the").parts] == [("the",)]


def test_quoted_words_become_one_phrase():
    assert [p.terms for p in parse_query('"weather words" bingo').parts] == [
        ("weather", "word"),
        ("bingo",),
    ]


def test_punctuation_only_gives_an_empty_query():
    assert not parse_query("!!! ??? ・・・")


def test_query_parts_are_capped():
    words = [f"{a}{b}zz" for a in "abcdefghij" for b in "abcdefghij"]
    assert len(parse_query(" ".join(words)).parts) == MAX_QUERY_PARTS


def test_highlight_marks_matches_and_escapes_everything_else():
    marked = highlight("<script>alert(1)</script> BINGO games", parse_query("bingo game"))
    assert marked.html == (
        "&lt;script&gt;alert(1)&lt;/script&gt; <mark>BINGO</mark> <mark>games</mark>"
    )
    assert marked.matched


def test_highlight_marks_a_japanese_word_inside_a_run_in_the_original_width():
    assert highlight("光合成の授業案", parse_query("授業案")).html == "光合成の<mark>授業案</mark>"
    assert highlight("ﾒﾆｭｰを読もう", parse_query("メニュー")).html == "<mark>ﾒﾆｭｰ</mark>を読もう"


def test_highlight_cuts_a_long_text_around_the_first_match():
    text = "filler " * 200 + "introducing yourself" + " more" * 200
    marked = highlight(text, parse_query("introduction"), max_length=80)
    assert marked.html.startswith("…")
    assert "<mark>introducing</mark>" in marked.html
    assert len(marked.html) < 200


def test_highlight_without_a_match_shortens_and_says_so():
    marked = highlight("a b c " * 100, parse_query("zebra"), max_length=20)
    assert not marked.matched
    assert marked.html.endswith("…")


def test_edit_distance_counts_a_swap_as_one():
    assert edit_distance("gmae", "game", 2) == 1
    assert edit_distance("wether", "weather", 2) == 1
    assert edit_distance("kitten", "sitting", 2) == 3  # gave up past the limit


def test_closest_word_prefers_fewer_edits_then_more_pages():
    assert closest_word("wether", [("whether", 1), ("weather", 9), ("leather", 50)]) == "weather"
    assert closest_word("game", [("game", 3), ("gate", 9)]) is None  # already a word
    assert closest_word("xyzzy", [("weather", 9)]) is None
