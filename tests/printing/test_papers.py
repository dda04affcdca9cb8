"""Paper sizes and print languages as a URL gives them."""

import pytest

from printing.papers import (
    Paper,
    UnknownLanguage,
    UnknownPaper,
    parse_language,
    parse_paper,
)


@pytest.mark.parametrize(
    ("paper", "points"),
    [
        (Paper.A4, (595.3, 841.9)),
        (Paper.B4, (728.5, 1031.8)),  # JIS B4, 257 x 364 mm, not ISO B4 (708.7 x 1000.6)
        (Paper.LETTER, (612.0, 792.0)),
    ],
)
def test_paper_sizes_in_points(paper, points):
    width, height = paper.size.points()
    assert (round(width, 1), round(height, 1)) == points
    assert paper.size.points(landscape=True) == (height, width)


def test_landscape_swaps_the_css_size():
    # B4 is laid out A4-wide and enlarged 257/210 onto the sheet (#16.5).
    assert Paper.B4.size.css_size() == "210mm 297.43mm"
    assert Paper.B4.size.css_size(landscape=True) == "297.43mm 210mm"
    assert Paper.A4.size.css_size(landscape=True) == "297mm 210mm"


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        (None, Paper.A4),
        ("", Paper.A4),
        ("a4", Paper.A4),
        (" B4 ", Paper.B4),
        ("Letter", Paper.LETTER),
    ],
)
def test_parse_paper_accepts_what_people_type(value, expected):
    assert parse_paper(value) is expected


def test_unknown_paper_says_what_to_choose():
    with pytest.raises(UnknownPaper, match="Choose A4, B4 or LETTER"):
        parse_paper("A3")


def test_print_language_defaults_and_refusals():
    assert parse_language(None) == "en"
    assert parse_language("", default="ja") == "ja"
    assert parse_language("JA") == "ja"
    with pytest.raises(UnknownLanguage):
        parse_language("fr")
