"""Print packs: several PDFs merged into one file with a bookmark per part.

For the lesson planner's "plan plus every linked material's worksheets" download. Uploaded
PDFs come from teachers, so each one is opened defensively: an unreadable, encrypted or
oversized file is reported back to the caller (to be listed with its link and QR code in the
plan instead) rather than breaking the whole pack.
"""

from __future__ import annotations

import io
import logging
from collections.abc import Sequence
from dataclasses import dataclass, field

from pypdf import PdfReader, PdfWriter
from pypdf.errors import PyPdfError

from .limits import MAX_PACK_PAGES, PrintTooLarge, check_page_count

logger = logging.getLogger("kyozai.printing")


class UnreadablePdf(ValueError):
    """A PDF that cannot go into a pack (damaged, password-protected, not a PDF)."""


@dataclass(frozen=True)
class PackPart:
    """One part of a pack: its bookmark title and its PDF bytes."""

    title: str
    pdf: bytes


@dataclass
class Pack:
    pdf: bytes
    pages: int
    # (title, first page number counting from 1) for every part that went in.
    contents: list[tuple[str, int]] = field(default_factory=list)
    # Titles of the parts left out, and why.
    skipped: list[tuple[str, str]] = field(default_factory=list)


def open_pdf(data: bytes) -> PdfReader:
    """A reader for `data`, or UnreadablePdf saying what is wrong with it."""
    try:
        reader = PdfReader(io.BytesIO(data), strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise UnreadablePdf("password-protected")
        if len(reader.pages) == 0:
            raise UnreadablePdf("no pages")
    except UnreadablePdf:
        raise
    except (PyPdfError, ValueError, KeyError, TypeError, OSError) as error:
        raise UnreadablePdf(f"not a readable PDF ({type(error).__name__})") from None
    return reader


def pdf_page_count(data: bytes) -> int:
    return len(open_pdf(data).pages)


def assemble_pack(
    parts: Sequence[PackPart], *, title: str = "", max_pages: int = MAX_PACK_PAGES
) -> Pack:
    """Merge `parts` in order, one top-level bookmark each (a part's own bookmarks sit
    under it). Parts that cannot be read, or would take the pack past `max_pages`, are
    skipped and listed in `Pack.skipped`; the first part (the plan) must be readable."""
    writer = PdfWriter()
    pack = Pack(pdf=b"", pages=0)
    for index, part in enumerate(parts):
        try:
            reader = open_pdf(part.pdf)
            pages = len(reader.pages)
            check_page_count(pack.pages + pages, max_pages)
        except (UnreadablePdf, PrintTooLarge) as problem:
            if index == 0:
                raise
            logger.warning("Print pack left out %r: %s", part.title, problem)
            pack.skipped.append((part.title, str(problem)))
            continue
        pack.contents.append((part.title, pack.pages + 1))
        writer.append(reader, outline_item=part.title or f"Part {index + 1}")
        pack.pages += pages
    if title:
        writer.add_metadata({"/Title": title, "/Producer": "Kyozai"})
    writer.page_mode = "/UseOutlines"
    buffer = io.BytesIO()
    writer.write(buffer)
    pack.pdf = buffer.getvalue()
    return pack


def outline_titles(data: bytes) -> list[str]:
    """The top-level bookmark titles of a PDF (what a teacher sees in the sidebar)."""
    reader = open_pdf(data)
    return [item.title for item in reader.outline if not isinstance(item, list)]
