"""Print views for library pages. Printing changes nothing, so all are GET; options come
from the query string (`?paper=A4|B4|LETTER&language=en|ja`), and a bad option is a 400
with a message, never a 500. Who may print what: library/printing/access.py."""

from __future__ import annotations

from urllib.parse import urlencode

from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import get_language
from django.views.decorators.http import require_GET

from library.models import LibraryPage, SpeechContestGuidePage
from printing.cache import PdfKey, cached_pdf
from printing.limits import PrintTooLarge
from printing.preview import page_png
from printing.responses import back_to, pdf_response, png_response, print_error

from .access import Printable, printable_page
from .content import render_page_pdf
from .forms import PrintOptionsForm, SpeechSheetForm
from .sheets import render_speech_sheet, sheet_filename


def _print_error(request, page: LibraryPage | None, message: str, status: int = 400):
    back = [(page.url, back_to(page.title))] if page is not None else []
    return print_error(request, message, back, status=status)


def _finish(response, printable: Printable):
    # A draft is proofed by one editor and changes often: never keep a copy of it.
    response["Cache-Control"] = (
        "private, no-store" if printable.is_draft else "private, max-age=300"
    )
    return response


@require_GET
def material_pdf(request, page_id: int):
    """Any library page (material, speech-contest guide, club activity) as a PDF."""
    printable = printable_page(request, page_id)
    page = printable.page
    form = PrintOptionsForm(request.GET, default_language=get_language())
    if not form.is_valid():
        return _print_error(request, page, form.first_error())
    paper, language = form.cleaned_data["paper"], form.cleaned_data["language"]
    key = PdfKey(
        page.kind or "library_page", page.pk, printable.version, "page", paper.code, language
    )
    try:
        pdf = cached_pdf(key, lambda: render_page_pdf(page, paper, language))
    except PrintTooLarge as error:
        return _print_error(request, page, str(error))
    filename = f"{page.slug}-{language}" if language == "ja" else page.slug
    response = pdf_response(pdf, filename, download=request.GET.get("download") == "1")
    return _finish(response, printable)


def _speech_sheet_pdf(printable: Printable, options: dict) -> bytes:
    guide = printable.page
    paper, language = options["paper"], options["language"]
    sheet, rows = options["sheet"], options["rows"]
    if sheet == "feedback":
        rows = 1  # one contestant per sheet: the row count does not change it
    key = PdfKey(
        guide.kind, guide.pk, printable.version, f"{sheet}_sheet", paper.code, language, (rows,)
    )
    return cached_pdf(key, lambda: render_speech_sheet(guide, sheet, rows, paper, language))


def _dialog(request, printable: Printable, form: SpeechSheetForm, status: int = 200):
    guide = printable.page
    if form.is_bound and form.is_valid():
        options = form.cleaned_data
    else:
        options = {
            "sheet": form["sheet"].value() or "judging",
            "rows": form.fields["rows"].initial,
            "paper": None,
            "language": form.default_language,
        }
    query = {
        "sheet": options["sheet"] if options["sheet"] in ("judging", "feedback") else "judging",
        "rows": options["rows"] if isinstance(options["rows"], int) else 10,
        "paper": options["paper"].code if options["paper"] else "A4",
        "language": options["language"] if options["language"] in ("en", "ja") else "en",
    }
    preview_url = (
        reverse("library_printing:judging_sheet_preview", args=[guide.pk]) + "?" + urlencode(query)
    )
    pdf_url = reverse("library_printing:judging_sheet", args=[guide.pk]) + "?" + urlencode(query)
    return render(
        request,
        "library/printing/judging_sheet_dialog.html",
        {
            "page": guide,
            "guide": guide,
            "form": form,
            "is_draft": printable.is_draft,
            "preview_url": preview_url if status == 200 else "",
            "pdf_url": pdf_url,
            "rubric": list(guide.rubric_criteria.all()),
        },
        status=status,
    )


def _speech_sheet_view(request, page_id: int, forced_sheet: str | None):
    printable = printable_page(request, page_id, SpeechContestGuidePage)
    form = SpeechSheetForm(request.GET, default_language=get_language())
    if not form.is_valid():
        return _dialog(request, printable, form, status=400)
    options = dict(form.cleaned_data)
    if forced_sheet:
        options["sheet"] = forced_sheet
    try:
        pdf = _speech_sheet_pdf(printable, options)
    except PrintTooLarge as error:
        return _print_error(request, printable.page, str(error))
    filename = sheet_filename(printable.page, options["sheet"], options["rows"])
    response = pdf_response(pdf, filename, download=request.GET.get("download") == "1")
    return _finish(response, printable)


@require_GET
def judging_sheet(request, page_id: int):
    """The judging sheet PDF (`?rows=1..60`). The print dialog's form also sends
    `sheet=feedback` here, which gives the feedback sheet instead."""
    return _speech_sheet_view(request, page_id, None)


@require_GET
def feedback_sheet(request, page_id: int):
    """One contestant's feedback sheet: a box for comments under every criterion."""
    return _speech_sheet_view(request, page_id, "feedback")


@require_GET
def judging_sheet_dialog(request, page_id: int):
    """The print dialog: choose the sheet, rows, paper and language; see page 1."""
    printable = printable_page(request, page_id, SpeechContestGuidePage)
    if not request.GET:
        form = SpeechSheetForm(default_language=get_language())
        return _dialog(request, printable, form)
    form = SpeechSheetForm(request.GET, default_language=get_language())
    return _dialog(request, printable, form, status=200 if form.is_valid() else 400)


@require_GET
def judging_sheet_preview(request, page_id: int):
    """A PNG of the sheet's first page, for the dialog (cached like the PDF)."""
    printable = printable_page(request, page_id, SpeechContestGuidePage)
    form = SpeechSheetForm(request.GET, default_language=get_language())
    if not form.is_valid():
        return _print_error(request, printable.page, form.first_error())
    options = form.cleaned_data
    key = PdfKey(
        printable.page.kind,
        printable.page.pk,
        printable.version,
        f"{options['sheet']}_sheet_preview",
        options["paper"].code,
        options["language"],
        (options["rows"],),
    )
    try:
        png = cached_pdf(
            key, lambda: page_png(_speech_sheet_pdf(printable, options), width_px=1000)
        )
    except PrintTooLarge as error:
        return _print_error(request, printable.page, str(error))
    return _finish(png_response(png), printable)
