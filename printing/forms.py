"""The options every print dialog offers: paper and language.

Read from the query string (printing changes nothing, so print forms are GET forms). Options
left out take their defaults; "b4" and "JA" are understood; anything else is a form error
with a message that says what to choose, never a 500. Layout-specific dialogs (the speech
contest sheets, the lesson plan's layouts) subclass it and add their own fields.
"""

from __future__ import annotations

from django import forms
from django.utils.translation import gettext_lazy as _

from .papers import (
    PRINT_LANGUAGES,
    UnknownLanguage,
    UnknownPaper,
    paper_choices,
    parse_language,
    parse_paper,
)

LANGUAGE_CHOICES = [("en", "English"), ("ja", "日本語")]


class PrintOptionsForm(forms.Form):
    paper = forms.CharField(label=_("Paper"), required=False, max_length=20)
    language = forms.CharField(label=_("Language"), required=False, max_length=10)

    def __init__(self, data=None, *args, default_language: str = "en", **kwargs):
        default_language = (default_language or "en").split("-")[0]
        self.default_language = default_language if default_language in PRINT_LANGUAGES else "en"
        if data is not None:
            # Options left out of the URL take their defaults, and the form shows them so.
            data = data.copy()
            for name, value in self.defaults().items():
                if not data.get(name):
                    data[name] = value
            # "b4" and "JA" work in a URL; the menus show them as their options.
            data["paper"] = str(data["paper"]).strip().upper()
            data["language"] = str(data["language"]).strip().lower()
        super().__init__(data, *args, **kwargs)
        self.fields["paper"].widget = forms.Select(choices=paper_choices())
        self.fields["language"].widget = forms.Select(choices=LANGUAGE_CHOICES)
        self.fields["language"].initial = self.default_language

    def defaults(self) -> dict[str, str]:
        return {"paper": "A4", "language": self.default_language}

    def clean_paper(self):
        try:
            return parse_paper(self.cleaned_data.get("paper"))
        except UnknownPaper as error:
            raise forms.ValidationError(str(error), code="paper") from None

    def clean_language(self):
        try:
            return parse_language(self.cleaned_data.get("language"), self.default_language)
        except UnknownLanguage as error:
            raise forms.ValidationError(str(error), code="language") from None

    def query(self) -> dict[str, str]:
        """The chosen options as a query string gives them (a valid form only): for the
        addresses of the PDF and its preview, and what a print job stores."""
        return {
            "paper": self.cleaned_data["paper"].code,
            "language": self.cleaned_data["language"],
        }

    def first_error(self) -> str:
        for errors in self.errors.values():
            return str(errors[0])
        return ""
