"""The one renderer: a Django template → HTML → WeasyPrint → PDF bytes.

Every printable thing (lesson plans, judging sheets, library pages, print packs) goes
through `render_pdf`, so paper sizes, fonts, the running header and footer, size limits
and the URL fetcher are the same everywhere.

Templates extend `printing/base_pdf.html` and are rendered without a request: nothing in
a printout may depend on who asked for it, which is what makes the render cache safe.
WeasyPrint is imported on first use, not at start-up (the import alone takes a second and
every `manage.py` command would pay it).
"""

from __future__ import annotations

import logging
import threading
import time
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from typing import TYPE_CHECKING, Any, Protocol

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString, mark_safe

from .fonts import JAPANESE_STACK, LATIN_STACK, css_family_list
from .limits import check_html_size, check_page_count
from .papers import Paper, parse_language, parse_paper

if TYPE_CHECKING:  # WeasyPrint is imported on first render, not at start-up
    from .fetcher import PrintFetcher


class Template(Protocol):
    """A loaded Django template (`get_template(...)`, `engines[...].from_string(...)`)."""

    def render(self, context: Mapping[str, Any] | None = None, request=None) -> str: ...


logger = logging.getLogger("kyozai.printing")

# Pictures are printed at most this sharp; a phone photo at 4000 px would only make the
# PDF heavy without looking better on a school copier.
IMAGE_DPI = 200
JPEG_QUALITY = 85


@dataclass(frozen=True)
class PrintSettings:
    """What every PDF template sees as `pdf`: paper, orientation, title, language."""

    paper: Paper
    landscape: bool
    title: str
    language: str
    footer_note: str = ""

    @property
    def page_size_css(self) -> str:
        return self.paper.size.css_size(landscape=self.landscape)

    @property
    def font_family_css(self) -> SafeString:
        """Our own constant family names, quoted for CSS (not user text)."""
        stack = JAPANESE_STACK if self.language == "ja" else LATIN_STACK
        return mark_safe(css_family_list(stack))  # noqa: S308 - our constants  # nosec B308, B703

    @property
    def paper_code(self) -> str:
        return self.paper.code


_thread_state = threading.local()


def _font_config():
    """One WeasyPrint font configuration per thread, kept between renders.

    Making a new one for every render (WeasyPrint's default) builds a new Pango font map
    and loads the fonts again each time, which costs time and leaves native memory behind
    that is never given back. Our printouts use no @font-face, so nothing render-specific
    is stored in it. Pango is not thread-safe, hence one per thread."""
    config = getattr(_thread_state, "font_config", None)
    if config is None:
        from weasyprint.text.fonts import FontConfiguration

        config = _thread_state.font_config = FontConfiguration()
    return config


def render_html(
    template_name: str | Template,
    context: Mapping[str, Any],
    *,
    paper: Paper | str = Paper.A4,
    landscape: bool = False,
    title: str = "",
    language: str = "en",
    footer_note: str = "",
) -> str:
    """The HTML a PDF is made from (also handy for looking at a layout in a browser)."""
    paper = paper if isinstance(paper, Paper) else parse_paper(paper)
    language = parse_language(language)
    settings = PrintSettings(
        paper=paper, landscape=landscape, title=title, language=language, footer_note=footer_note
    )
    context = {**context, "pdf": settings}
    with translation.override(language):
        if isinstance(template_name, str):
            return render_to_string(template_name, context)
        return template_name.render(context)


def render_pdf(
    template_name: str | Template,
    context: Mapping[str, Any],
    *,
    paper: Paper | str = Paper.A4,
    landscape: bool = False,
    title: str = "",
    language: str = "en",
    footer_note: str = "",
    base_url: str | None = None,
    allowed_files: Iterable[str] = (),
    url_fetcher: PrintFetcher | None = None,
) -> bytes:
    """Render `template_name` (or a loaded template) with `context` to PDF bytes.

    `paper` is a Paper or its code ("A4", "B4" = JIS B4, "LETTER"); `language` ("en"/"ja")
    is the language the template's labels are translated into; `title` goes into the
    running header and the PDF's metadata; `footer_note` (e.g. the page's address) into
    the footer. `allowed_files` are storage names of files the template may embed (the
    printed thing's own images), addressed in the template with the `storage_url` filter.

    Raises UnknownPaper/UnknownLanguage for bad options and PrintTooLarge when the
    document is over the size limits (views turn both into a 400 with the message).
    """
    paper = paper if isinstance(paper, Paper) else parse_paper(paper)
    html = render_html(
        template_name,
        context,
        paper=paper,
        landscape=landscape,
        title=title,
        language=language,
        footer_note=footer_note,
    )
    return html_to_pdf(
        html,
        base_url=base_url,
        allowed_files=allowed_files,
        url_fetcher=url_fetcher,
        zoom=paper.size.scale,
    )


def html_to_pdf(
    html: str,
    *,
    base_url: str | None = None,
    allowed_files: Iterable[str] = (),
    url_fetcher: PrintFetcher | None = None,
    zoom: float = 1.0,
) -> bytes:
    """HTML (already escaped by its template) → PDF, through the safe fetcher only.

    Pass `url_fetcher` (a PrintFetcher) to see afterwards what it refused; otherwise one
    is made for `allowed_files`. `zoom` scales every page as a whole onto its sheet (the
    paper's `scale`: B4 is the A4 layout enlarged)."""
    check_html_size(html)
    from weasyprint import HTML

    from .fetcher import PrintFetcher
    from .links import print_base_url

    started = time.perf_counter()
    fetcher = url_fetcher or PrintFetcher(allowed_files=allowed_files, base_url=base_url)
    document = HTML(
        string=html, base_url=base_url or fetcher.base_url or print_base_url(), url_fetcher=fetcher
    ).render(
        font_config=_font_config(),
        optimize_images=True,
        jpeg_quality=JPEG_QUALITY,
        dpi=IMAGE_DPI,
    )
    check_page_count(len(document.pages))
    pdf = document.write_pdf(
        zoom=zoom, optimize_images=True, jpeg_quality=JPEG_QUALITY, dpi=IMAGE_DPI
    )
    logger.debug(
        "Printed %s pages, %s bytes in %.0f ms",
        len(document.pages),
        len(pdf),
        (time.perf_counter() - started) * 1000,
    )
    return pdf
