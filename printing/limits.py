"""Size limits, so that no request can keep the renderer busy for minutes.

WeasyPrint has no time-out of its own: the time it takes grows with the amount of HTML it
lays out. The limits are checked on the HTML before layout starts and on the page count
before the PDF is written (font subsetting and writing are the second-biggest cost).
Before a render is even queued, the thing's own page estimate (printing/estimate.py) is
checked against the same page limit, and the lesson planner checks that estimate whenever a
plan is saved, so a teacher hears about a too-long plan while writing it, not when printing.

Measured on the 2-core development machine (benchmarks/pdf.py): about 0.1 s per page of a
dense table, so the page limit keeps the worst render in the region of ten seconds.
"""

from __future__ import annotations

from django.utils.translation import gettext_lazy as _

# The whole HTML document handed to WeasyPrint (markup included).
MAX_HTML_CHARACTERS = 400_000
# Pages in one rendered document (a print pack may merge attachments after that).
MAX_PAGES = 80
# One image or stylesheet the renderer may read; uploads are capped lower anyway.
MAX_FETCHED_FILE_BYTES = 15 * 1024 * 1024
# Pages in a merged print pack (plan plus the attachments' own PDFs).
MAX_PACK_PAGES = 300


class PrintTooLarge(ValueError):
    """The document is over a limit; the message says which and by how much.

    Carries a code and its figures rather than only a sentence, so a refusal remembered
    with a print job (printing/models.py) is shown later in the language of whoever asks
    again, not in the language of whoever asked first."""

    MESSAGES = {
        "html": _(
            "This is too long to print in one go (%(size)s characters of layout; the "
            "limit is %(limit)s). Print a shorter part of it."
        ),
        "pages": _("This would print %(pages)s pages; the limit is %(limit)s."),
        "estimate": _("This would print about %(pages)s pages; the limit is %(limit)s. %(hint)s"),
        "text": _("%(field)s is %(length)s characters long; at most %(limit)s can be printed."),
    }

    def __init__(self, code: str, **figures) -> None:
        self.code = code
        self.figures = figures
        super().__init__(code, figures)

    def __str__(self) -> str:
        return str(self.MESSAGES[self.code] % self.figures).strip()

    def as_record(self) -> dict:
        """What a print job keeps of this refusal (JSON)."""
        return {"code": self.code, "figures": self.figures}

    @classmethod
    def from_record(cls, record: dict) -> PrintTooLarge:
        return cls(record["code"], **record.get("figures", {}))


def check_html_size(html: str) -> None:
    if len(html) > MAX_HTML_CHARACTERS:
        raise PrintTooLarge("html", size=f"{len(html):,}", limit=f"{MAX_HTML_CHARACTERS:,}")


def check_page_count(pages: int, limit: int = MAX_PAGES) -> None:
    if pages > limit:
        raise PrintTooLarge("pages", pages=pages, limit=limit)


def check_estimate(pages: int, hint: str = "", limit: int = MAX_PAGES) -> None:
    """Before any rendering: refuse what the page estimate already says is too long.
    `hint` says what to shorten (a plain string, stored as it is)."""
    if pages > limit:
        raise PrintTooLarge("estimate", pages=pages, limit=limit, hint=hint)


def check_text_length(text: str, limit: int, field_label: str) -> None:
    """For forms and models that feed a printout: a clear message naming the field."""
    if len(text or "") > limit:
        raise PrintTooLarge("text", field=str(field_label), length=len(text), limit=limit)
