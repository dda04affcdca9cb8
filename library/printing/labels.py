"""Labels printed on judging and feedback sheets in both languages.

At a speech contest ALTs and Japanese teachers judge side by side from the same sheets, so
every label prints in the chosen language with the other one beside it ("Judge 審査員").
Both come from the translation catalogue; where a translation is missing the second one
is simply left out.
"""

from __future__ import annotations

from dataclasses import dataclass

from django.utils import translation
from django.utils.translation import gettext_lazy as _
from django.utils.translation import pgettext_lazy

SHEET_LABELS = {
    "judging_sheet": _("Judging sheet"),
    "feedback_sheet": _("Feedback sheet"),
    "number": _("No."),
    "name": _("Name"),
    "school": _("School"),
    "total": _("Total"),
    "judge": _("Judge"),
    "signature": _("Signature"),
    "date": _("Date"),
    "category": _("Category"),
    "time_limit": _("Time limit"),
    "overall": _("Overall comments"),
    "performance_sheet": _("Speaking test score sheet"),
    "speech_title": _("Speech title"),
    "rank": _("Rank"),
    "class": _("Class"),
    "evaluator": _("Evaluator"),
    "viewpoint": _("Viewpoint"),
    "notes": pgettext_lazy("speaking test sheet", "Notes"),
    "student_numbers": _("Student numbers"),
}


@dataclass(frozen=True)
class Label:
    text: str
    other: str
    other_language: str

    def __str__(self) -> str:
        return self.text


def bilingual_labels(language: str) -> dict[str, Label]:
    other_language = "en" if language == "ja" else "ja"
    labels = {}
    for key, message in SHEET_LABELS.items():
        with translation.override(language):
            text = str(message)
        with translation.override(other_language):
            other = str(message)
        labels[key] = Label(text, other if other != text else "", other_language)
    return labels
