"""A picture of a printout's first page, for print dialogs (phones cannot show a PDF
inside a page, but every browser shows a PNG)."""

from __future__ import annotations

import io
import threading

import pypdfium2

# PDFium is not thread-safe; a threaded dev server may preview two sheets at once.
_pdfium_lock = threading.Lock()
MAX_PREVIEW_WIDTH = 1600


def page_png(pdf: bytes, *, page_index: int = 0, width_px: int = 900) -> bytes:
    """PNG bytes of one page, `width_px` wide (height follows the paper)."""
    width_px = max(100, min(width_px, MAX_PREVIEW_WIDTH))
    with _pdfium_lock:
        document = pypdfium2.PdfDocument(pdf)
        try:
            page = document[page_index]
            width_pt, _height_pt = page.get_size()
            bitmap = page.render(scale=width_px / width_pt)
            image = bitmap.to_pil()
            page.close()
        finally:
            document.close()
    buffer = io.BytesIO()
    image.convert("L").save(buffer, format="PNG", optimize=True)
    return buffer.getvalue()
