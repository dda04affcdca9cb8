"""Previews of library files: pictures of the first pages of every PDF, image, Word,
PowerPoint and Excel file on a library page, and the words inside them for search.

A teacher choosing between three worksheets 20 minutes before class wants to see them, not
read file names. How it fits together:

- `sandbox.py` runs converters in limited processes (time, memory, no network, no macros);
- `convert.py` turns a file into page pictures and text (LibreOffice → PDF → pdftoppm);
- `store.py` keeps an attachment's pictures and text in step with its file;
- `library/tasks.py` runs that in the background worker after the save commits (the
  "previews" queue), never in a web request; `manage.py make_previews` catches up in the
  foreground;
- `views.py` serves the pictures, and only while the page may be seen by the visitor;
- this module: the URL builders every template and helper goes through (one place), and
  the card accessor (`first_preview_url`, `{% first_preview page %}`).
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.db import transaction
from django.urls import reverse

from library.models import LibraryAttachment

from .convert import MAX_PREVIEW_PAGES, SMALL_BOX
from .store import make_preview, make_preview_by_id

logger = logging.getLogger("kyozai.library.previews")

PREVIEW_WIDTH = SMALL_BOX[0]
Status = LibraryAttachment.PreviewStatus


def _version(attachment: LibraryAttachment) -> str:
    """Part of the stored name that changes with the file: a new file, a new address."""
    return attachment.preview.name.rsplit("-", 1)[-1].removesuffix(".png")


def preview_url(attachment: LibraryAttachment, number: int = 1, *, large: bool = False) -> str:
    """The address of page `number`'s picture ("" when there is none). The one URL builder:
    every template, card and API asks here, so where pictures are served from (and how
    privacy is checked) changes in one place."""
    if attachment.preview_status != Status.READY or not 1 <= number <= attachment.preview_pages:
        return ""
    name = "library_previews:large" if large else "library_previews:picture"
    return reverse(name, args=[attachment.pk, number]) + f"?v={_version(attachment)}"


def pages_url(attachment: LibraryAttachment, number: int = 1) -> str:
    """The larger view of the pages (an HTML page, works without JavaScript)."""
    if attachment.preview_status != Status.READY or not attachment.preview_pages:
        return ""
    return reverse("library_previews:pages", args=[attachment.pk]) + f"#page-{number}"


@dataclass(frozen=True)
class PagePicture:
    number: int
    url: str
    large_url: str
    view_url: str


def page_pictures(attachment: LibraryAttachment) -> list[PagePicture]:
    """The strip: up to MAX_PREVIEW_PAGES pictures of the first pages."""
    return [
        PagePicture(
            number,
            preview_url(attachment, number),
            preview_url(attachment, number, large=True),
            pages_url(attachment, number),
        )
        for number in range(1, min(attachment.preview_pages, MAX_PREVIEW_PAGES) + 1)
    ]


def first_preview_url(page) -> str:
    """The card thumbnail: page 1 of the page's first file that has a picture, or "".
    Reads `page.attachments.all()`, so a prefetched list costs no query."""
    for attachment in page.attachments.all():
        url = preview_url(attachment)
        if url:
            return url
    return ""


def schedule_preview(attachment_id: int) -> None:
    """Queue the conversion once the current transaction has committed (at once outside
    one): the worker converts, the request that saved never waits for it."""
    transaction.on_commit(lambda: _enqueue(attachment_id), robust=True)


def _enqueue(attachment_id: int) -> None:
    from library.tasks import make_file_preview

    make_file_preview.enqueue(attachment_id)


__all__ = [
    "MAX_PREVIEW_PAGES",
    "PREVIEW_WIDTH",
    "PagePicture",
    "first_preview_url",
    "make_preview",
    "make_preview_by_id",
    "page_pictures",
    "pages_url",
    "preview_url",
    "schedule_preview",
]
