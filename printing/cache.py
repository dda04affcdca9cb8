"""The render cache: a PDF is rendered once per content version, layout, paper and language.

Keys carry the content's version (a page's published revision, a plan's version number),
so saving the content changes the key and the next download renders afresh: nothing has to
be deleted on save, and a stale PDF can never be served for new content. Keys also carry a
fingerprint of the PDF templates and stylesheets, so a deploy that changes a layout does not
serve PDFs in the old one.

Uses Django's default cache: Redis in production (shared by every worker), local memory in
development and tests. A cache that is down never stops a teacher printing: the PDF is then
rendered every time and the failure logged.
"""

from __future__ import annotations

import hashlib
import logging
from collections.abc import Callable, Iterable
from functools import lru_cache
from pathlib import Path
from typing import NamedTuple

from django.conf import settings
from django.core.cache import cache

logger = logging.getLogger("kyozai.printing")

# A day: long enough for a morning of teachers printing the same sheet; the content
# version in the key makes a longer life unnecessary.
PDF_CACHE_SECONDS = 24 * 60 * 60
# Bigger PDFs (print packs full of scanned worksheets) are rendered each time rather than
# filling the cache.
MAX_CACHED_PDF_BYTES = 5 * 1024 * 1024
KEY_PREFIX = "printing:pdf"


class PdfKey(NamedTuple):
    """What a cached PDF depends on. `extra` holds layout options such as row counts."""

    kind: str
    object_id: int | str
    version: int | str
    layout: str
    paper: str
    language: str
    extra: tuple = ()


def _layout_files() -> Iterable[Path]:
    base = Path(settings.BASE_DIR)
    patterns = ["templates/printing/**/*", "templates/*/pdf/**/*", "printing/static/**/*"]
    for pattern in patterns:
        yield from sorted(path for path in base.glob(pattern) if path.is_file())


@lru_cache(maxsize=1)
def layout_fingerprint() -> str:
    """A short hash of every PDF template and print stylesheet, computed once a process."""
    digest = hashlib.sha256()
    for path in _layout_files():
        digest.update(str(path.relative_to(settings.BASE_DIR)).encode())
        digest.update(path.read_bytes())
    return digest.hexdigest()[:12]


def pdf_cache_key(key_parts: PdfKey | Iterable[object]) -> str:
    text = "\x1f".join(str(part) for part in (layout_fingerprint(), *key_parts))
    return f"{KEY_PREFIX}:{hashlib.sha256(text.encode()).hexdigest()}"


def cached_pdf(
    key_parts: PdfKey | Iterable[object],
    render: Callable[[], bytes],
    *,
    timeout: int = PDF_CACHE_SECONDS,
) -> bytes:
    """The cached PDF for `key_parts`, or `render()`'s result, stored for next time."""
    key = pdf_cache_key(key_parts)
    try:
        pdf = cache.get(key)
    except Exception:
        logger.exception("PDF cache unreadable; rendering without it")
        pdf = None
    if pdf is not None:
        return pdf
    pdf = render()
    if len(pdf) <= MAX_CACHED_PDF_BYTES:
        try:
            cache.set(key, pdf, timeout)
        except Exception:
            logger.exception("PDF cache unwritable; the next download renders again")
    return pdf
