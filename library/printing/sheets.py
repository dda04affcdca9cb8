"""Speech-contest sheets made from a guide's rubric.

The judging sheet is what each judge fills in during the contest: one row per contestant,
one column per criterion headed with its maximum points, a total out of 100, and the
judge's name and signature. The feedback sheet goes home with one student: every criterion
with its score and a box for the judge's comments. Labels print in both languages
(labels.py); criteria print in English and Japanese as the editor wrote them.
"""

from __future__ import annotations

from django.utils import translation

from library.models import SpeechContestGuidePage
from printing.papers import Paper
from printing.render import render_pdf

from .content import page_url
from .labels import bilingual_labels

TEMPLATES = {
    "judging": "library/pdf/judging_sheet.html",
    "feedback": "library/pdf/feedback_sheet.html",
}

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
    return f"{guide.slug}-judging-sheet-{rows}"


def render_speech_sheet(
    guide: SpeechContestGuidePage, sheet: str, rows: int, paper: Paper, language: str
) -> bytes:
    criteria = list(guide.rubric_criteria.all())
    with translation.override(language):
        category = guide.get_category_display()
    context = {
        "guide": guide,
        "labels": bilingual_labels(language),
        "criteria": criteria,
        "total_points": sum(criterion.points or 0 for criterion in criteria),
        "category": category,
        "time_limit": guide.time_limit_label,
        "rows": range(1, rows + 1),
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
        landscape=sheet == "judging",
        title=sheet_title(guide, sheet, language),
        language=language,
        # Sheets get separated on the judges' table: every page asks for the judge's name.
        footer_note=(
            f"{context['labels']['judge'].text}: ______________________________"
            if sheet == "judging"
            else context["guide_url"]
        ),
    )
