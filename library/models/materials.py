"""Supplementary teaching materials: games, worksheets, flashcards, songs, audio, slides."""

from django.utils.translation import gettext_lazy as _

from .pages import LibraryPage


class MaterialPage(LibraryPage):
    kind = "material"
    parent_page_types = ["library.MaterialIndexPage"]
    subpage_types: list[str] = []
    template = "library/material_page.html"

    class Meta:
        verbose_name = _("teaching material")
        verbose_name_plural = _("teaching materials")
