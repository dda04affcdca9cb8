"""The one HTML → PDF renderer every printable thing in Kyozai uses (DESIGN.md §6).

    from printing import render_pdf, cached_pdf, PdfKey, qr_data_uri

    pdf = cached_pdf(
        PdfKey("lesson_plan", plan.pk, plan.version, "team_teaching", "A4", "en"),
        lambda: render_pdf("lessons/pdf/team_teaching.html", {"plan": plan},
                           paper="A4", title=plan.title, language="en"),
    )

Modules, one job each: papers (A4 / JIS B4 / Letter), render (template → PDF), fetcher (what
WeasyPrint may read), links (addresses printed on paper), limits (size limits), cache
(render cache), qr (QR codes), packs (merged PDFs with bookmarks), preview (page → PNG),
forms (paper and language options), responses (HTTP responses), inspect (reading a PDF
back: sizes, text, fonts), fonts and checks (Japanese fonts present?). PDF templates extend
templates/printing/base_pdf.html and load `printing_tags` (`{% qr_code url %}`,
`name|storage_url` for files passed in `allowed_files`). `manage.py print_test_page` checks a
machine prints Japanese.

This package imports no other Kyozai app. Names are re-exported lazily so that importing
`printing` (Django does at start-up) stays cheap.
"""

from importlib import import_module

_EXPORTS = {
    "render_pdf": "render",
    "render_html": "render",
    "html_to_pdf": "render",
    "PrintSettings": "render",
    "Paper": "papers",
    "parse_paper": "papers",
    "parse_language": "papers",
    "UnknownPaper": "papers",
    "UnknownLanguage": "papers",
    "cached_pdf": "cache",
    "PdfKey": "cache",
    "qr_data_uri": "qr",
    "PackPart": "packs",
    "assemble_pack": "packs",
    "pdf_page_count": "packs",
    "PrintFetcher": "fetcher",
    "PrintOptionsForm": "forms",
    "PrintTooLarge": "limits",
    "page_png": "preview",
    "pdf_response": "responses",
}

__all__ = sorted(_EXPORTS)


def __getattr__(name: str):
    if name in _EXPORTS:
        return getattr(import_module(f"{__name__}.{_EXPORTS[name]}"), name)
    raise AttributeError(f"module {__name__!r} has no attribute {name!r}")
