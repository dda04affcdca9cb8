"""The lesson plan print dialog's options: the layout, besides paper and language
(printing.forms). A GET form: printing changes nothing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from printing.forms import PrintOptionsForm

from .layouts import LAYOUT_CHOICES, TEAM_TEACHING, print_language


class PlanPrintForm(PrintOptionsForm):
    layout = forms.ChoiceField(
        label=_("Layout"), choices=LAYOUT_CHOICES, required=False, widget=forms.RadioSelect
    )

    field_order = ["layout", "paper", "language"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layout"].initial = TEAM_TEACHING
        self.fields["language"].label = _("Headings in (team-teaching plan)")
        self.fields["language"].help_text = _(
            "The 学習指導案 is always printed in Japanese. What teachers typed prints as typed."
        )

    def defaults(self) -> dict[str, str]:
        return {**super().defaults(), "layout": TEAM_TEACHING}

    def clean_layout(self):
        return self.cleaned_data.get("layout") or TEAM_TEACHING

    def query(self) -> dict[str, str]:
        """The options as chosen (the 学習指導案's headings are Japanese whatever the
        language menu says, but the menu keeps its choice for the next layout)."""
        return {"layout": self.cleaned_data["layout"], **super().query()}

    def options(self) -> dict:
        """Layout, paper and the language the layout is actually printed in."""
        data = self.cleaned_data
        return {
            "layout": data["layout"],
            "paper": data["paper"],
            "language": print_language(data["layout"], data["language"]),
        }
