"""Library pages as printouts (printing/printouts.py): any page as a PDF, and a speech-contest
guide's judging and feedback sheets. The dialog, background render, progress and file are
the print pipeline's (printing/views.py); who may print what is access.py's.
"""

from __future__ import annotations

from django.utils.translation import get_language
from django.utils.translation import gettext as _

from library.models import LibraryPage, SpeechContestGuidePage
from printing.cache import PdfKey
from printing.forms import PrintOptionsForm
from printing.printouts import Action, Dialog, Printout
from printing.responses import back_to

from .access import DRAFT, Printable, printable_for_worker, printable_page
from .content import render_page_pdf
from .forms import SpeechSheetForm
from .sheets import render_speech_sheet, sheet_filename


class LibraryPrintout(Printout):
    """What library printouts share: the page, draft or live, and its way back."""

    model: type[LibraryPage] = LibraryPage

    def __init__(self, printable: Printable) -> None:
        self.printable = printable
        self.page = printable.page
        self.variant = DRAFT if printable.is_draft else ""

    @classmethod
    def for_request(cls, request, object_id):
        return cls(printable_page(request, object_id, cls.model))

    @classmethod
    def for_worker(cls, object_id, variant):
        return cls(printable_for_worker(object_id, variant, cls.model))

    @property
    def object_id(self) -> str:
        return str(self.page.pk)

    @property
    def cache_control(self) -> str:
        # A draft is proofed by one editor and changes often: never keep a copy of it.
        return "private, no-store" if self.printable.is_draft else "private, max-age=300"

    def default_language(self) -> str:
        return get_language() or "en"

    def back_links(self) -> list[tuple[str, str]]:
        return [(self.page.url, back_to(self.page.title))] if self.page.url else []


class PagePrintout(LibraryPrintout):
    """Any library page — material, speech-contest guide, club activity — as a PDF."""

    name = "library_page"
    form_class = PrintOptionsForm

    def key(self, options) -> PdfKey:
        page = self.page
        return PdfKey(
            page.kind or "library_page",
            page.pk,
            self.printable.version,
            "page",
            options["paper"].code,
            options["language"],
        )

    def render(self, options) -> bytes:
        return render_page_pdf(self.page, options["paper"], options["language"])

    def filename(self, options) -> str:
        language = options["language"]
        return f"{self.page.slug}-{language}" if language == "ja" else self.page.slug


class SpeechSheetPrintout(LibraryPrintout):
    """A speech-contest guide's judging sheet (a row per contestant) or feedback sheet."""

    name = "speech_sheet"
    model = SpeechContestGuidePage
    form_class = SpeechSheetForm
    bad_options_show_dialog = True

    def options(self, form) -> dict:
        options = dict(form.cleaned_data)
        if options["sheet"] == "feedback":
            options["rows"] = 1  # one contestant per sheet: the row count does not change it
        if options["sheet"] != "performance":
            options["class_name"] = ""  # only a speaking test prints a class
        return options

    def key(self, options) -> PdfKey:
        guide = self.page
        return PdfKey(
            guide.kind,
            guide.pk,
            self.printable.version,
            f"{options['sheet']}_sheet",
            options["paper"].code,
            options["language"],
            (options["rows"], options.get("class_name", "")),
        )

    def render(self, options) -> bytes:
        return render_speech_sheet(
            self.page,
            options["sheet"],
            options["rows"],
            options["paper"],
            options["language"],
            class_name=options.get("class_name", ""),
        )

    def filename(self, options) -> str:
        return sheet_filename(self.page, options["sheet"], options["rows"])

    def dialog(self, query) -> Dialog:
        from django.urls import reverse

        guide = self.page
        pdf_url = reverse("library_printing:judging_sheet", args=[guide.pk])
        notes = []
        if self.printable.is_draft:
            notes.append(
                _("This guide is a draft: the sheet shows the latest unpublished version.")
            )
        if not guide.rubric_criteria.exists():
            notes.append(
                _("This guide has no rubric yet, so the sheet has only name and total columns.")
            )
        return Dialog(
            heading=_("Print judging sheets"),
            subject=guide.title,
            intro=_(
                "Sheets for “%(title)s”, made from its rubric. Judges write the scores by "
                "hand; criteria are printed in English and Japanese."
            )
            % {"title": guide.title},
            back_url=guide.url,
            dialog_url=reverse("library_printing:judging_sheet_dialog", args=[guide.pk]),
            preview_url=reverse("library_printing:judging_sheet_preview", args=[guide.pk]),
            preview_alt=_("Preview of the first page of the sheet"),
            buttons=[Action(_("Open the PDF"), pdf_url, secondary=False)],
            links=[Action(_("Open the PDF"), pdf_url)],
            notes=notes,
        )
