"""Reading back what a PDF holds: page sizes, text, fonts, pictures. Used by the printer
test page command, the benchmark and the tests, so "Japanese prints" is checked the same
way everywhere."""

from __future__ import annotations

import io
import re
from dataclasses import dataclass

from pypdf import PdfReader

SUBSET_PREFIX = re.compile(r"^[A-Z]{6}\+")


@dataclass(frozen=True)
class EmbeddedFont:
    name: str
    # A subset font's name starts with six capitals and "+" (PDF 32000-1, 9.6.4).
    is_subset: bool
    # Size of the embedded font program, uncompressed: a few KB to tens of KB for a subset;
    # a whole IPAex font would be about 4 MB.
    file_bytes: int


def _reader(pdf: bytes) -> PdfReader:
    return PdfReader(io.BytesIO(pdf))


def page_sizes(pdf: bytes) -> list[tuple[float, float]]:
    """(width, height) in points for every page, as printed (rotation applied)."""
    sizes = []
    for page in _reader(pdf).pages:
        width, height = float(page.mediabox.width), float(page.mediabox.height)
        if (page.get("/Rotate") or 0) % 180:
            width, height = height, width
        sizes.append((width, height))
    return sizes


def extract_text(pdf: bytes) -> str:
    return "\n".join(page.extract_text() or "" for page in _reader(pdf).pages)


def page_texts(pdf: bytes) -> list[str]:
    return [page.extract_text() or "" for page in _reader(pdf).pages]


def _font_program_size(font) -> int:
    descriptor = font.get("/FontDescriptor")
    if descriptor is None and "/DescendantFonts" in font:
        descriptor = font["/DescendantFonts"][0].get_object().get("/FontDescriptor")
    if descriptor is None:
        return 0
    descriptor = descriptor.get_object()
    for key in ("/FontFile2", "/FontFile3", "/FontFile"):
        if key in descriptor:
            return len(descriptor[key].get_object().get_data())
    return 0


def embedded_fonts(pdf: bytes) -> list[EmbeddedFont]:
    fonts: dict[str, EmbeddedFont] = {}
    for page in _reader(pdf).pages:
        resources = page.get("/Resources")
        if resources is None:
            continue
        font_dict = resources.get_object().get("/Font")
        if font_dict is None:
            continue
        for reference in font_dict.get_object().values():
            font = reference.get_object()
            name = str(font.get("/BaseFont", "")).lstrip("/")
            if name in fonts:
                continue
            fonts[name] = EmbeddedFont(
                name=name,
                is_subset=bool(SUBSET_PREFIX.match(name)),
                file_bytes=_font_program_size(font),
            )
    return sorted(fonts.values(), key=lambda font: font.name)


def image_count(pdf: bytes) -> int:
    """Distinct raster pictures (image XObjects) in the PDF, e.g. a page's own photos.
    Pages may share one resource dictionary, so pictures are counted by object."""
    seen = set()
    for page in _reader(pdf).pages:
        resources = page.get("/Resources")
        xobjects = resources.get_object().get("/XObject") if resources is not None else None
        if xobjects is None:
            continue
        for reference in xobjects.get_object().values():
            if reference.get_object().get("/Subtype") == "/Image":
                seen.add(getattr(reference, "idnum", id(reference)))
    return len(seen)
