"""The renderer makes real PDFs: right paper, Japanese that copies, subset fonts, running
header and footer, table headers on every page, and the size limits."""

import re
from pathlib import Path

import pytest

from printing.inspect import embedded_fonts, extract_text, page_sizes, page_texts
from printing.limits import MAX_HTML_CHARACTERS, PrintTooLarge, check_page_count
from printing.papers import UnknownPaper
from printing.render import html_to_pdf

IPAEX_GOTHIC_FILE = Path("/usr/share/fonts/opentype/ipaexfont-gothic/ipaexg.ttf")


def _flat(text: str) -> str:
    """Text without line breaks or spaces, as pypdf may wrap or space it differently."""
    return re.sub(r"\s+", "", text)


@pytest.mark.parametrize(
    ("paper", "landscape", "size"),
    [
        ("A4", False, (595.3, 841.9)),
        ("A4", True, (841.9, 595.3)),
        ("B4", False, (728.5, 1031.8)),
        ("B4", True, (1031.8, 728.5)),
        ("LETTER", False, (612.0, 792.0)),
        ("LETTER", True, (792.0, 612.0)),
    ],
)
def test_every_page_has_the_chosen_paper_size(render_test_page, paper, landscape, size):
    pdf = render_test_page(paper=paper, landscape=landscape, rows=range(1, 40))
    sizes = page_sizes(pdf)
    assert len(sizes) >= 2
    assert {(round(w, 1), round(h, 1)) for w, h in sizes} == {size}


def test_unknown_paper_is_refused_before_rendering(render_test_page):
    with pytest.raises(UnknownPaper):
        render_test_page(paper="A3")


def test_japanese_and_english_text_copy_out_as_typed(render_test_page):
    text = _flat(extract_text(render_test_page(language="ja")))
    for sample in [
        "学習指導案本時の目標評価規準思考・判断・表現",
        "あいうえお",
        "ヴァイオリン",
        "「かぎかっこ」、句読点。",
        "Thequickbrownfoxjumpsoverthelazydog.0123456789",
    ]:
        assert sample in text


def test_japanese_prints_in_ipaex_embedded_as_a_small_subset(render_test_page):
    pdf = render_test_page(language="ja")
    fonts = embedded_fonts(pdf)
    japanese = [font for font in fonts if "IPAexGothic" in font.name]
    assert japanese, [font.name for font in fonts]
    for font in fonts:
        assert font.is_subset, font.name
        assert 0 < font.file_bytes < 200_000, font
    if IPAEX_GOTHIC_FILE.exists():
        # The whole font is ~4 MB: what is embedded is a small fraction of it.
        assert max(f.file_bytes for f in japanese) < IPAEX_GOTHIC_FILE.stat().st_size / 20
    assert len(pdf) < 80_000


def test_running_header_and_page_x_of_y_on_every_page(render_test_page):
    pdf = render_test_page(title="Unit 3 授業案", rows=range(1, 60), footer_note="kyozai.example/x")
    pages = page_texts(pdf)
    assert len(pages) >= 3
    for number, text in enumerate(pages, start=1):
        flat = _flat(text)
        assert "Unit3授業案" in flat
        assert f"Page{number}of{len(pages)}" in flat
        assert "kyozai.example/x" in flat


def test_table_header_row_repeats_on_every_page(render_test_page):
    pages = page_texts(render_test_page(rows=range(1, 60)))
    assert len(pages) >= 3
    for text in pages[1:]:
        assert "指導上の留意点" in _flat(text)
        assert "Studentactivity" in _flat(text)


def test_rows_are_not_split_across_pages(render_test_page):
    pages = page_texts(render_test_page(rows=range(1, 60)))
    # Every row's Japanese cell ends on the same page it starts on.
    for text in pages:
        flat = _flat(text)
        starts = len(re.findall(r"ALTとJTEが見本", flat))
        ends = len(re.findall(r"回練習する。", flat))
        assert starts == ends


def test_user_text_prints_as_text_not_markup(render_test_page):
    note = (
        '<img src="file:///etc/passwd"> '
        '<link rel=stylesheet href="http://127.0.0.1:9/x.css"> & <b>bold</b>'
    )
    text = _flat(extract_text(render_test_page(note=note)))
    assert _flat(note) in text


def test_html_over_the_size_limit_is_refused_before_layout():
    html = "<p>" + "x" * (MAX_HTML_CHARACTERS + 1) + "</p>"
    with pytest.raises(PrintTooLarge, match="too long to print"):
        html_to_pdf(html)


def test_page_limit_names_the_numbers():
    check_page_count(80)
    with pytest.raises(PrintTooLarge, match="81 pages; the limit is 80"):
        check_page_count(81)


def test_japanese_footer_counter_follows_the_language(render_test_page):
    from django.utils import translation

    from printing.templatetags.printing_tags import page_counter_css

    with translation.override("en"):
        assert str(page_counter_css()) == '"Page " counter(page) " of " counter(pages)'


def test_a_hostile_title_stays_text_in_the_running_header(render_test_page):
    """The title goes into CSS (`@top-left { content: "…" }`): quotes, braces and
    </style> in it must not end the string or the stylesheet."""
    title = '"; } @page { size: A3 } </style><img src="file:///etc/passwd"> \\'
    pdf = render_test_page(title=title)
    assert {(round(w), round(h)) for w, h in page_sizes(pdf)} == {(595, 842)}
    assert _flat(title) in _flat(page_texts(pdf)[0])


def test_text_length_check_names_the_field():
    from printing.limits import check_text_length

    check_text_length("x" * 10, 10, "ALT role")
    with pytest.raises(PrintTooLarge, match="ALT role is 11 characters long; at most 10"):
        check_text_length("x" * 11, 10, "ALT role")
