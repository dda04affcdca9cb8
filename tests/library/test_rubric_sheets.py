"""The sheets a guide's rubric prints, read back from real PDFs: the contest judging sheet
(speech title and rank columns, no row left alone on a page, a title that never runs into the
judge's field, Japanese criteria first on a Japanese sheet) and the speaking-test score sheet
(パフォーマンステスト: one row per student number, two halves for the JTE and the ALT, each
criterion headed with its 観点)."""

import re

import pypdfium2
import pytest

from library.models import Viewpoint
from library.printing.forms import SpeechSheetForm
from library.printing.sheets import halves, render_speech_sheet
from printing.inspect import page_sizes, page_texts
from printing.papers import Paper
from tests.factories.library import SpeechContestGuidePageFactory

LONG_TITLE = "Kita City Junior High School English Speech Contest for the Second Term of 2026"
B4_PORTRAIT = (728.5, 1031.8)


@pytest.fixture
def guide(db):
    guide = SpeechContestGuidePageFactory(
        title=LONG_TITLE,
        slug="kita-contest",
        title_ja="北市中学校英語弁論大会",
        time_limit_seconds=300,
        rubric=[
            ("Pronunciation", "発音", 25),
            ("Fluency", "流暢さ", 25),
            ("Delivery", "態度", 25),
            ("Content", "内容", 25),
        ],
    )
    viewpoints = [Viewpoint.KNOWLEDGE, Viewpoint.KNOWLEDGE, Viewpoint.ATTITUDE, Viewpoint.THINKING]
    for criterion, viewpoint in zip(guide.rubric_criteria.all(), viewpoints, strict=True):
        criterion.viewpoint = viewpoint
        criterion.save()
    return guide


def _row_numbers(text: str) -> list[int]:
    """Row numbers: each row reads "7 /25 /25 /25 /25 /100" in the extracted text."""
    return [int(number) for number in re.findall(r"(?m)^\s*(\d+)\s+/\d+", text)]


def _size(pdf: bytes) -> tuple[float, float]:
    width, height = page_sizes(pdf)[0]
    return round(width, 1), round(height, 1)


def _boxes(pdf: bytes, needle: str) -> list[tuple[float, float, float, float]]:
    """(left, bottom, right, top) of each place `needle` is printed on page 1."""
    page = pypdfium2.PdfDocument(pdf)[0]
    text = page.get_textpage()
    boxes = []
    searcher = text.search(needle)
    while (found := searcher.get_next()) is not None:
        start, count = found
        chars = [text.get_charbox(index) for index in range(start, start + count)]
        boxes.append(
            (
                min(c[0] for c in chars),
                min(c[1] for c in chars),
                max(c[2] for c in chars),
                max(c[3] for c in chars),
            )
        )
    return boxes


def test_judging_sheet_has_speech_title_and_rank_columns(guide):
    pdf = render_speech_sheet(guide, "judging", 5, Paper.A4, "en")
    text = page_texts(pdf)[0]
    assert "Speech title" in text
    assert "Rank" in text
    japanese = page_texts(render_speech_sheet(guide, "judging", 5, Paper.A4, "ja"))[0]
    assert "演題" in japanese
    assert "順位" in japanese


@pytest.mark.parametrize("rows", [8, 9, 10, 11, 17, 18, 19, 20])
def test_no_page_of_the_judging_sheet_holds_one_row_alone(guide, rows):
    """Whatever the number of contestants, the last page carries at least two rows with
    the signature, and every row is printed exactly once."""
    pages = page_texts(render_speech_sheet(guide, "judging", rows, Paper.A4, "en"))
    numbers = [_row_numbers(page) for page in pages]
    assert sorted(n for page in numbers for n in page) == list(range(1, rows + 1))
    assert "Signature" in pages[-1]
    assert len(numbers[-1]) >= 2, f"{rows} rows: the last page has rows {numbers[-1]}"
    assert all(len(page) != 1 for page in numbers)


@pytest.mark.parametrize("language", ["en", "ja"])
def test_a_long_title_on_b4_never_runs_into_the_judge_field(guide, language):
    pdf = render_speech_sheet(guide, "judging", 10, Paper.B4, language)
    assert _size(pdf) == (B4_PORTRAIT[1], B4_PORTRAIT[0])  # landscape B4
    title_word = "Second Term" if language == "en" else "北市中学校英語弁論大会"
    (title,) = _boxes(pdf, title_word)[:1]
    judge = _boxes(pdf, "Judge" if language == "en" else "審査員")[0]
    # PDF y grows upwards: the judge's field sits wholly below the title's last line.
    assert judge[3] < title[1]


def test_a_japanese_sheet_names_the_criteria_in_japanese_first(guide):
    text = page_texts(render_speech_sheet(guide, "judging", 3, Paper.A4, "ja"))[0]
    assert text.index("発音") < text.index("Pronunciation")
    english = page_texts(render_speech_sheet(guide, "judging", 3, Paper.A4, "en"))[0]
    assert english.index("Pronunciation") < english.index("発音")


def test_halves_split_a_class_for_the_jte_and_the_alt():
    first, second = halves(35, "en")
    assert (first.teacher, first.first, first.last) == ("JTE", 1, 18)
    assert (second.teacher, second.first, second.last) == ("ALT", 19, 35)
    (alone,) = halves(1, "en")
    assert list(alone.numbers) == [1]
    assert [list(half.numbers) for half in halves(2, "en")] == [[1], [2]]


@pytest.mark.parametrize("language", ["en", "ja"])
def test_speaking_test_sheet_gives_each_teacher_their_half_with_the_viewpoints(guide, language):
    pdf = render_speech_sheet(guide, "performance", 35, Paper.A4, language, class_name="2年3組")
    pages = page_texts(pdf)
    assert _size(pdf) == (595.3, 841.9)  # A4 portrait: a clipboard sheet
    assert len(pages) == 2  # each half of a class of 35 on its own page
    assert _row_numbers(pages[0]) == list(range(1, 19))
    assert _row_numbers(pages[1]) == list(range(19, 36))
    for page in pages:
        assert "2年3組" in page
    assert "JTE" in pages[0]
    assert "ALT" in pages[1]
    if language == "ja":
        assert "パフォーマンステスト評価表" in pages[0]
        for short in ("知", "思", "態"):
            assert short in pages[0]
        assert "主体的に学習に取り組む態度" in pages[0]
    else:
        assert "SPEAKING TEST SCORE SHEET" in pages[0]
        assert "Knowledge" in pages[0]
        assert "Attitude" in pages[0]


def test_speaking_test_class_name_is_printed_as_text(guide):
    pdf = render_speech_sheet(guide, "performance", 4, Paper.A4, "en", class_name="<b>3-1</b>&amp;")
    assert "<b>3-1</b>&amp;" in page_texts(pdf)[0]


def test_speaking_test_form_checks_its_options():
    form = SpeechSheetForm({"sheet": "performance", "rows": "35", "class_name": "  2年3組 "})
    assert form.is_valid(), form.errors
    assert form.query()["class_name"] == "2年3組"
    too_long = SpeechSheetForm({"sheet": "performance", "rows": "35", "class_name": "x" * 41})
    assert not too_long.is_valid()
    assert "class_name" in too_long.errors
    # A contest sheet has no class: the option is not carried into its address.
    judging = SpeechSheetForm({"sheet": "judging", "rows": "5", "class_name": "2年3組"})
    assert judging.is_valid()
    assert "class_name" not in judging.query()
