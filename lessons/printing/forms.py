"""The lesson plan print dialog's options: the layout, besides paper and language
(printing.forms). A GET form: printing changes nothing."""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from printing.forms import PrintOptionsForm

from .layouts import (
    GOTHIC,
    TEAM_TEACHING,
    TYPEFACE_CHOICES,
    layout_choices,
    print_language,
    print_typeface,
)


class PlanPrintForm(PrintOptionsForm):
    layout = forms.ChoiceField(
        # A callable: the 学習指導案 layouts are data an editor may add to at any time.
        label=_("Layout"),
        choices=layout_choices,
        required=False,
        widget=forms.RadioSelect,
    )

    typeface = forms.ChoiceField(
        label=_("Typeface of the 学習指導案"),
        choices=TYPEFACE_CHOICES,
        required=False,
        widget=forms.RadioSelect,
    )

    field_order = ["layout", "paper", "language", "typeface"]

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["layout"].initial = TEAM_TEACHING
        self.fields["typeface"].initial = GOTHIC
        self.fields["language"].label = _("Headings in (team-teaching plan)")
        self.fields["language"].help_text = _(
            "The 学習指導案 is always printed in Japanese. What teachers typed prints as typed."
        )

    def defaults(self) -> dict[str, str]:
        return {**super().defaults(), "layout": TEAM_TEACHING}

    def clean_layout(self):
        return self.cleaned_data.get("layout") or TEAM_TEACHING

    def clean_typeface(self):
        return self.cleaned_data.get("typeface") or GOTHIC

    def query(self) -> dict[str, str]:
        """The options as chosen (the 学習指導案's headings are Japanese whatever the
        language menu says, but the menu keeps its choice for the next layout)."""
        query = {"layout": self.cleaned_data["layout"], **super().query()}
        if self.cleaned_data["typeface"] != GOTHIC:  # the default stays out of addresses
            query["typeface"] = self.cleaned_data["typeface"]
        return query

    def options(self) -> dict:
        """Layout, paper and the language the layout is actually printed in."""
        data = self.cleaned_data
        return {
            "layout": data["layout"],
            "paper": data["paper"],
            "language": print_language(data["layout"], data["language"]),
            "typeface": print_typeface(data["layout"], data["typeface"]),
        }
