"""Sheets made from a guide's rubric: for a speech contest, and for a classroom speaking test.

The judging sheet is what each judge fills in during the contest: one row per contestant
with the speech's title (演題), one column per criterion headed with its maximum points, a
total out of 100, the rank (順位), and the judge's name and signature. The feedback sheet
goes home with one student: every criterion with its score and a box for the judge's
comments. The speaking-test sheet (パフォーマンステスト評価表) is the same rubric used in class:
one row per student number, each criterion headed with the 観点 it evaluates, split into two
halves so the JTE and the ALT can test students in parallel (each half starts a page, so the
sheet is cut or handed out as it is). Labels print in both languages (labels.py); criteria
print in the sheet's language first, the other under it.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext as _

from library.models import RubricCriterion, SpeechContestGuidePage
from library.models.viewpoints import VIEWPOINT_JA, VIEWPOINT_SHORT_EN, VIEWPOINT_SHORT_JA
from printing.papers import Paper
from printing.render import render_pdf

from .content import page_url
from .labels import bilingual_labels

TEMPLATES = {
    "judging": "library/pdf/judging_sheet.html",
    "feedback": "library/pdf/feedback_sheet.html",
    "performance": "library/pdf/performance_sheet.html",
}
# Landscape where a row runs across many columns; the speaking test is a clipboard sheet.
LANDSCAPE = {"judging"}
# The judging sheet's last rows stay on the page with the signature, so a page never
# carries one row alone (or the signature alone).
ROWS_KEPT_WITH_SIGNATURE = 2

# Feedback sheet, portrait, in millimetres: the page margins (printing/static/printing/
# pdf.css), what the header, name line, total, overall comments and signature take, and
# what each criterion box takes besides its writing space.
_PAGE_MARGINS_MM = 33
_FEEDBACK_FIXED_MM = 90
_PER_CRITERION_MM = 11
_MIN_COMMENT_BOX_MM = 14
_MAX_COMMENT_BOX_MM = 56
_LINE_PITCH_MM = 7


def comment_box_height_mm(paper: Paper, criteria: int) -> int:
    """Share the page's free height between the criteria, so a rubric of up to seven
    criteria fits on one sheet; longer rubrics run onto a second page."""
    criteria = max(criteria, 1)
    free = paper.size.layout_height_mm - _PAGE_MARGINS_MM - _FEEDBACK_FIXED_MM
    height = (free - criteria * _PER_CRITERION_MM) / criteria
    height = max(_MIN_COMMENT_BOX_MM, min(_MAX_COMMENT_BOX_MM, height))
    # Whole writing lines only (they are 7 mm apart), so no sliver of a line at the bottom.
    return int(height // _LINE_PITCH_MM * _LINE_PITCH_MM)


def sheet_title(guide: SpeechContestGuidePage, sheet: str, language: str) -> str:
    labels = bilingual_labels(language)
    name = guide.title_ja if language == "ja" and guide.title_ja else guide.title
    return f"{name} — {labels[f'{sheet}_sheet'].text}"


def sheet_filename(guide: SpeechContestGuidePage, sheet: str, rows: int) -> str:
    if sheet == "feedback":
        return f"{guide.slug}-feedback-sheet"
    if sheet == "performance":
        return f"{guide.slug}-speaking-test-{rows}"
    return f"{guide.slug}-judging-sheet-{rows}"


@dataclass(frozen=True)
class SheetCriterion:
    """A rubric criterion as a sheet heads its column: the sheet's language first."""

    primary: str
    secondary: str
    points: int
    viewpoint: str  # the 観点 in full, in the sheet's language ("" when the editor gave none)
    viewpoint_short: str  # 知 / 思 / 態 on a Japanese sheet, the full name otherwise

    @classmethod
    def of(cls, criterion: RubricCriterion, language: str) -> SheetCriterion:
        english, japanese = criterion.criterion, criterion.criterion_ja
        primary, secondary = (
            (japanese, english)
            if language == "ja" and japanese
            else (
                english,
                japanese,
            )
        )
        viewpoint = criterion.viewpoint
        if not viewpoint:
            full = short = ""
        elif language == "ja":
            full, short = VIEWPOINT_JA[viewpoint], VIEWPOINT_SHORT_JA[viewpoint]
        else:
            with translation.override(language):
                full = str(criterion.get_viewpoint_display()).split(" (")[0]
                short = str(VIEWPOINT_SHORT_EN[viewpoint])
        return cls(primary, secondary, criterion.points or 0, full, short)


@dataclass(frozen=True)
class Half:
    """One teacher's share of a speaking test: the student numbers they test."""

    teacher: str
    numbers: range

    @property
    def first(self) -> int:
        return self.numbers[0]

    @property
    def last(self) -> int:
        return self.numbers[-1]

    @property
    def before_end(self) -> range:
        return self.numbers[:-ROWS_KEPT_WITH_SIGNATURE]

    @property
    def at_end(self) -> range:
        """The rows that stay on one page with the 観点 key under them."""
        return self.numbers[-ROWS_KEPT_WITH_SIGNATURE:]


def halves(students: int, language: str) -> list[Half]:
    """Split a class list in two, JTE first: while one teacher tests a student in the
    corridor the other tests the next in the classroom. A class of one has one half."""
    with translation.override(language):
        jte, alt = _("JTE"), _("ALT")
    middle = (students + 1) // 2
    parts = [Half(jte, range(1, middle + 1))]
    if students > middle:
        parts.append(Half(alt, range(middle + 1, students + 1)))
    return parts


def render_speech_sheet(
    guide: SpeechContestGuidePage,
    sheet: str,
    rows: int,
    paper: Paper,
    language: str,
    class_name: str = "",
) -> bytes:
    """The sheet as a PDF. `rows` is the number of contestants (judging) or students
    (speaking test); `class_name` heads a speaking-test sheet ("2年3組")."""
    criteria = [SheetCriterion.of(criterion, language) for criterion in guide.rubric_criteria.all()]
    with translation.override(language):
        category = guide.get_category_display()
    numbers = range(1, rows + 1)
    kept = ROWS_KEPT_WITH_SIGNATURE
    context = {
        "guide": guide,
        "labels": bilingual_labels(language),
        "criteria": criteria,
        "total_points": sum(criterion.points for criterion in criteria),
        "category": category,
        "time_limit": guide.time_limit_label,
        "rows": numbers,
        "rows_before_end": numbers[:-kept],
        "rows_at_end": numbers[-kept:],
        "halves": halves(rows, language),
        "viewpoint_key": [criterion for criterion in criteria if criterion.viewpoint],
        "class_name": class_name,
        "guide_url": page_url(guide),
        "comment_lines": range(comment_box_height_mm(paper, len(criteria)) // _LINE_PITCH_MM),
        "overall_lines": range(3),
        "primary_title": guide.title_ja if language == "ja" and guide.title_ja else guide.title,
        "secondary_title": (guide.title if language == "ja" and guide.title_ja else guide.title_ja),
    }
    return render_pdf(
        TEMPLATES[sheet],
        context,
        paper=paper,
        landscape=sheet in LANDSCAPE,
        title=sheet_title(guide, sheet, language),
        language=language,
        footer_note=_footer_note(sheet, context),
    )


def _footer_note(sheet: str, context: dict) -> str:
    """Sheets get separated on the judges' table and between the two teachers: every page
    asks who filled it in. A feedback sheet goes home, so it carries the guide's address."""
    labels = context["labels"]
    if sheet == "judging":
        return f"{labels['judge'].text}: ______________________________"
    if sheet == "performance":
        return f"{labels['evaluator'].text}: ______________________________"
    return context["guide_url"]
