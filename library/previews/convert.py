"""From an uploaded file to page pictures and text: Office files through LibreOffice to PDF,
PDFs through Poppler's pdftoppm (pictures) and pdftotext (words), each a limited process
(sandbox.py). Images stay in-process: Pillow refuses decompression bombs by itself.

Nothing here knows about pages or storage; store.py decides what to keep.
"""

from __future__ import annotations

import io
import re
import shutil
import tempfile
from dataclasses import dataclass
from pathlib import Path

from PIL import Image

from .sandbox import ConversionFailed, Limits, libreoffice_profile, run_limited

# What LibreOffice turns into PDF for us: Word, PowerPoint, Excel and their open siblings.
OFFICE_EXTENSIONS = frozenset(
    {"doc", "docx", "ppt", "pptx", "xls", "xlsx", "odt", "odp", "ods", "rtf"}
)
# The material page shows a strip of the first pages; more would only cost time.
MAX_PREVIEW_PAGES = 6
# The larger view: the long side of a page picture, in pixels.
LARGE_SIDE = 1400
# Strip and card pictures fit this box (a long poster is narrowed, never cut).
SMALL_BOX = (480, 960)
# Words from at most this many pages and characters go into the search index: a file
# with a million words is searchable by its beginning, and cannot swell the index.
TEXT_PAGES = 100
MAX_TEXT_CHARS = 100_000


@dataclass(frozen=True)
class Converted:
    """The first pages as large PNGs, and the text of the file (may be empty)."""

    pages: list[bytes]
    text: str


def is_convertible(extension: str) -> bool:
    return extension.lower() == "pdf" or extension.lower() in OFFICE_EXTENSIONS


def convert_document(data: bytes, extension: str, limits: Limits) -> Converted:
    """Page pictures and text of a PDF or an Office file (ConversionFailed if it cannot)."""
    extension = extension.lower()
    if not is_convertible(extension):
        raise ConversionFailed(f"no converter for .{extension} files")
    with tempfile.TemporaryDirectory(prefix="kyozai-preview-") as folder:
        work = Path(folder)
        source = work / f"source.{extension}"
        source.write_bytes(data)
        pdf = source if extension == "pdf" else office_to_pdf(source, work, limits)
        pages = pdf_page_pictures(pdf, work, limits)
        return Converted(pages=pages, text=pdf_text(pdf, work, limits))


def office_to_pdf(source: Path, work: Path, limits: Limits) -> Path:
    soffice = shutil.which("soffice") or shutil.which("libreoffice")
    if soffice is None:
        raise ConversionFailed("LibreOffice is not installed (make run installs it)")
    out = work / "pdf"
    command = [
        soffice,
        libreoffice_profile(work / "profile"),
        "--headless",
        "--norestore",
        "--nolockcheck",
        "--nodefault",
        "--nofirststartwizard",
        "--convert-to",
        "pdf",
        "--outdir",
        str(out),
        str(source),
    ]
    run_limited(command, cwd=work, limits=limits, env=_quiet_environment(work))
    pdf = out / f"{source.stem}.pdf"
    if not pdf.is_file() or pdf.stat().st_size == 0:
        raise ConversionFailed("LibreOffice made no PDF of this file")
    return pdf


def _quiet_environment(work: Path) -> dict[str, str]:
    """Nothing of the worker's own environment: a home of its own, the system PATH."""
    return {"HOME": str(work), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}


def pdf_page_pictures(pdf: Path, work: Path, limits: Limits) -> list[bytes]:
    pdftoppm = shutil.which("pdftoppm")
    if pdftoppm is None:
        raise ConversionFailed("pdftoppm (poppler-utils) is not installed")
    out = work / "pages"
    out.mkdir()
    command = [pdftoppm, "-q", "-png", "-f", "1", "-l", str(MAX_PREVIEW_PAGES)]
    command += ["-scale-to", str(LARGE_SIDE), str(pdf), str(out / "page")]
    run_limited(command, cwd=work, limits=limits, env=_quiet_environment(work))
    files = sorted(out.glob("page-*.png"), key=lambda path: int(path.stem.rsplit("-", 1)[1]))
    if not files:
        raise ConversionFailed("the PDF has no pages")
    return [path.read_bytes() for path in files]


def pdf_text(pdf: Path, work: Path, limits: Limits) -> str:
    """The words of the first TEXT_PAGES pages, at most MAX_TEXT_CHARS; "" if unreadable."""
    pdftotext = shutil.which("pdftotext")
    if pdftotext is None:
        return ""
    command = [pdftotext, "-q", "-enc", "UTF-8", "-l", str(TEXT_PAGES), str(pdf), "-"]
    try:
        output = run_limited(command, cwd=work, limits=limits, env=_quiet_environment(work))
    except ConversionFailed:
        return ""
    text = output[: MAX_TEXT_CHARS * 4].decode("utf-8", "replace")
    return re.sub(r"\s+", " ", text).strip()[:MAX_TEXT_CHARS]


def small_copy(png: bytes, box: tuple[int, int] = SMALL_BOX) -> bytes:
    """A page picture shrunk to fit `box` (never enlarged), as PNG."""
    with Image.open(io.BytesIO(png)) as picture:
        picture.thumbnail(box)
        return png_bytes(picture.convert("RGB"))


def image_pictures(data: bytes) -> bytes:
    """An uploaded image as a large page picture: first frame, transparency on white."""
    with Image.open(io.BytesIO(data)) as picture:
        picture.seek(0)
        picture.thumbnail((LARGE_SIDE, LARGE_SIDE))
        if picture.mode in ("RGBA", "LA", "P"):
            rgba = picture.convert("RGBA")
            flat = Image.new("RGB", rgba.size, "white")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            return png_bytes(flat)
        return png_bytes(picture.convert("RGB"))


def png_bytes(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


__all__ = ["ConversionFailed", "Converted", "convert_document", "is_convertible"]
