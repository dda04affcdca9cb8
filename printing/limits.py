"""Size limits, so that no request can keep the renderer busy for minutes.

WeasyPrint has no time-out of its own: the time it takes grows with the amount of HTML it
lays out. The limits are checked on the HTML before layout starts and on the page count
before the PDF is written (font subsetting and writing are the second-biggest cost).
The lesson planner checks its own input with the same constants when a plan is saved, so a
teacher hears about a too-long step while typing it, not when printing.

Measured on the 2-core development machine (benchmarks/pdf.py): about 0.1 s per page of a
dense table, so the page limit keeps the worst render in the region of ten seconds.
"""

from django.utils.translation import gettext_lazy as _

# The whole HTML document handed to WeasyPrint (markup included).
MAX_HTML_CHARACTERS = 400_000
# Pages in one rendered document (a print pack may merge attachments after that).
MAX_PAGES = 80
# For the lesson planner's forms: one step's text fields, the number of steps, and the
# longer free-text fields (単元について and the like).
MAX_STEP_TEXT_CHARACTERS = 2_000
MAX_STEPS_PER_PLAN = 40
MAX_LONG_TEXT_CHARACTERS = 6_000
# One image or stylesheet the renderer may read; uploads are capped lower anyway.
MAX_FETCHED_FILE_BYTES = 15 * 1024 * 1024
# Pages in a merged print pack (plan plus the attachments' own PDFs).
MAX_PACK_PAGES = 300


class PrintTooLarge(ValueError):
    """The document is over a limit; the message says which and by how much."""


def check_html_size(html: str) -> None:
    if len(html) > MAX_HTML_CHARACTERS:
        raise PrintTooLarge(
            _(
                "This is too long to print in one go (%(size)s characters of layout; the "
                "limit is %(limit)s). Print a shorter part of it."
            )
            % {"size": f"{len(html):,}", "limit": f"{MAX_HTML_CHARACTERS:,}"}
        )


def check_page_count(pages: int, limit: int = MAX_PAGES) -> None:
    if pages > limit:
        raise PrintTooLarge(
            _("This would print %(pages)s pages; the limit is %(limit)s.")
            % {"pages": pages, "limit": limit}
        )


def check_text_length(text: str, limit: int, field_label: str) -> None:
    """For forms and models that feed a printout: a clear message naming the field."""
    if len(text or "") > limit:
        raise PrintTooLarge(
            _("%(field)s is %(length)s characters long; at most %(limit)s can be printed.")
            % {"field": field_label, "length": len(text), "limit": limit}
        )
