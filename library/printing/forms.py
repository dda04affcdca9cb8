"""The options for printing a guide's rubric sheets: which sheet, how many contestants or
students, the class a speaking test is for, besides paper and language (printing.forms).
Read from the query string; a bad value is a form error, never a 500.

Kyozai keeps no student names (they are minors' personal data, and a print's options travel
in its address): a speaking-test sheet numbers its rows by 出席番号 and leaves the name
column for the teacher to write in."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from printing.forms import PrintOptionsForm

MAX_CONTESTANT_ROWS = 60
DEFAULT_CONTESTANT_ROWS = 10
CLASS_NAME_LENGTH = 40

SHEET_CHOICES = [
    ("judging", _("Judging sheet: one row per contestant (landscape)")),
    ("feedback", _("Feedback sheet: one contestant, comments per criterion")),
    (
        "performance",
        _(
            "Speaking-test score sheet (パフォーマンステスト): one row per student, in two "
            "halves for the JTE and the ALT"
        ),
    ),
]


class SpeechSheetForm(PrintOptionsForm):
    sheet = forms.ChoiceField(
        label=_("Sheet"), choices=SHEET_CHOICES, required=False, widget=forms.RadioSelect
    )
    rows = forms.IntegerField(
        label=_("Contestants or students (rows)"),
        required=False,
        min_value=1,
        max_value=MAX_CONTESTANT_ROWS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    class_name = forms.CharField(
        label=_("Class (speaking test)"),
        required=False,
        max_length=CLASS_NAME_LENGTH,
        strip=True,
        help_text=_("Printed at the top of a speaking-test sheet, e.g. “2年3組”."),
    )

    field_order = ["sheet", "rows", "class_name", "paper", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"].initial = "judging"
        self.fields["rows"].initial = DEFAULT_CONTESTANT_ROWS
        self.fields["rows"].help_text = _(
            "How many contestants (judging sheet) or students (speaking test) the sheet has "
            "rows for, 1 to %(max)s."
        ) % {"max": MAX_CONTESTANT_ROWS}

    def defaults(self) -> dict[str, str]:
        return {**super().defaults(), "sheet": "judging", "rows": str(DEFAULT_CONTESTANT_ROWS)}

    def query(self) -> dict[str, str]:
        data = self.cleaned_data
        query = {"sheet": data["sheet"], "rows": str(data["rows"])}
        if data["sheet"] == "performance" and data.get("class_name"):
            query["class_name"] = data["class_name"]
        return {**query, **super().query()}

    def clean_sheet(self):
        return self.cleaned_data.get("sheet") or "judging"

    def clean_rows(self):
        rows = self.cleaned_data.get("rows")
        return DEFAULT_CONTESTANT_ROWS if rows is None else rows
