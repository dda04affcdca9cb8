"""The options for printing a speech contest's sheets: which sheet and how many contestants,
besides paper and language (printing.forms). Read from the query string; a bad value is a
form error, never a 500."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from printing.forms import PrintOptionsForm

MAX_CONTESTANT_ROWS = 60
DEFAULT_CONTESTANT_ROWS = 10

SHEET_CHOICES = [
    ("judging", _("Judging sheet: one row per contestant (landscape)")),
    ("feedback", _("Feedback sheet: one contestant, comments per criterion")),
]


class SpeechSheetForm(PrintOptionsForm):
    sheet = forms.ChoiceField(
        label=_("Sheet"), choices=SHEET_CHOICES, required=False, widget=forms.RadioSelect
    )
    rows = forms.IntegerField(
        label=_("Contestants (rows)"),
        required=False,
        min_value=1,
        max_value=MAX_CONTESTANT_ROWS,
        widget=forms.NumberInput(attrs={"inputmode": "numeric"}),
    )

    field_order = ["sheet", "rows", "paper", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sheet"].initial = "judging"
        self.fields["rows"].initial = DEFAULT_CONTESTANT_ROWS
        self.fields["rows"].help_text = _(
            "How many contestants the judging sheet has rows for, 1 to %(max)s."
        ) % {"max": MAX_CONTESTANT_ROWS}

    def defaults(self) -> dict[str, str]:
        return {**super().defaults(), "sheet": "judging", "rows": str(DEFAULT_CONTESTANT_ROWS)}

    def query(self) -> dict[str, str]:
        data = self.cleaned_data
        return {"sheet": data["sheet"], "rows": str(data["rows"]), **super().query()}

    def clean_sheet(self):
        return self.cleaned_data.get("sheet") or "judging"

    def clean_rows(self):
        rows = self.cleaned_data.get("rows")
        return DEFAULT_CONTESTANT_ROWS if rows is None else rows
