"""Keeping an attachment's page pictures and text in step with its file.

Storage names: page 1's small picture is `LibraryAttachment.preview`,
`previews/doc-<document id>-<file hash>.png` (`img-` for images); every other picture is
named after it — `…-<n>.png` for page n's small picture (n ≥ 2) and `…-<n>-large.png` for
the larger view of page n. A name carries the source file's hash, so a replaced file gets
new pictures, an unchanged one is never converted twice, and restoring an old revision
finds its pictures again. `page_picture_name` is the one place that spells the scheme.

Runs in the background worker (library/tasks.py) or in `manage.py make_previews`.
"""

from __future__ import annotations

import logging
from collections import Counter
from dataclasses import dataclass
from typing import Literal

from django.core.files.base import ContentFile
from PIL import Image

from library.models import LibraryAttachment, LibraryPage
from library.signals import file_text_changed

from . import convert
from .sandbox import ConversionFailed, Limits

logger = logging.getLogger("kyozai.library.previews")

PREVIEW_FOLDER = "previews"
Status = LibraryAttachment.PreviewStatus
Outcome = Literal["made", "reused", "unchanged", "none", "failed"]
# What a file that cannot be converted raises; anything else is a bug and is not hidden.
CONVERSION_ERRORS = (
    ConversionFailed,
    OSError,
    ValueError,
    SyntaxError,
    Image.DecompressionBombError,
)


def page_picture_name(first_page_name: str, number: int, *, large: bool = False) -> str:
    """The storage name of page `number`'s picture, given page 1's small one."""
    base = first_page_name.removesuffix(".png")
    if large:
        return f"{base}-{number}-large.png"
    return first_page_name if number == 1 else f"{base}-{number}.png"


@dataclass(frozen=True)
class PreviewSource:
    """The file the pictures are made from, and how."""

    kind: Literal["document", "image"]
    item: object  # a Wagtail Document or Image
    extension: str
    file_hash: str

    @property
    def first_page_name(self) -> str:
        prefix = "doc" if self.kind == "document" else "img"
        return f"{PREVIEW_FOLDER}/{prefix}-{self.item.pk}-{self.file_hash[:16]}.png"


def preview_source(attachment: LibraryAttachment) -> PreviewSource | None:
    """What to draw from, or None for files without pages (audio, archives)."""
    if attachment.image_id:
        image = attachment.image
        return PreviewSource("image", image, "", image.get_file_hash())
    if attachment.document_id:
        document = attachment.document
        extension = document.file_extension.lower()
        if convert.is_convertible(extension):
            return PreviewSource("document", document, extension, document.get_file_hash())
    return None


def preview_storage():
    return LibraryAttachment._meta.get_field("preview").storage


def _read(item) -> bytes:
    with item.open_file() as handle:
        handle.seek(0)
        return handle.read()


def _draw(source: PreviewSource) -> convert.Converted:
    data = _read(source.item)
    if source.kind == "image":
        return convert.Converted(pages=[convert.image_pictures(data)], text="")
    return convert.convert_document(data, source.extension, Limits.from_settings())


def _save(name: str, content: bytes) -> None:
    storage = preview_storage()
    if storage.exists(name):
        storage.delete(name)
    stored = storage.save(name, ContentFile(content))
    if stored != name:  # a storage that renames would break the naming scheme
        raise OSError(f"storage saved {name} as {stored}")


def _store_pictures(first_page_name: str, pages: list[bytes]) -> None:
    # Page 1's small picture last: once it exists, the others do too.
    for number, large in reversed(list(enumerate(pages, start=1))):
        _save(page_picture_name(first_page_name, number, large=True), large)
        _save(page_picture_name(first_page_name, number), convert.small_copy(large))


def picture_names(first_page_name: str, pages: int) -> list[str]:
    return [
        page_picture_name(first_page_name, number, large=large)
        for number in range(1, pages + 1)
        for large in (False, True)
    ]


def _forget_old_pictures(old_name: str, old_pages: int, new_name: str) -> None:
    """Delete pictures nothing points at any more (a replaced file's)."""
    if not old_name or old_name == new_name:
        return
    if LibraryAttachment.objects.filter(preview=old_name).exists():
        return
    storage = preview_storage()
    for name in picture_names(old_name, max(old_pages, 1)):
        storage.delete(name)


def _record(attachment: LibraryAttachment, **values) -> None:
    # update(), not save(): no signals, no revision, no change to anything else — except
    # that search hears when the words inside the file changed.
    text_changed = values.get("text", attachment.text) != attachment.text
    LibraryAttachment.objects.filter(pk=attachment.pk).update(**values)
    for field, value in values.items():
        setattr(attachment, field, value)
    if text_changed:
        file_text_changed.send(sender=LibraryAttachment, page_id=attachment.page_id)


def _same_file_elsewhere(name: str, attachment_id: int) -> LibraryAttachment | None:
    """Another attachment of this exact file whose pictures are stored (the same
    worksheet on two pages is converted once)."""
    other = (
        LibraryAttachment.objects.filter(preview=name, preview_status=Status.READY)
        .exclude(pk=attachment_id)
        .first()
    )
    return other if other is not None and preview_storage().exists(name) else None


def make_preview(attachment: LibraryAttachment, *, force: bool = False) -> Outcome:
    """Bring one attachment's page pictures and text up to date with its file.

    Returns what happened: "made" (converted now), "reused" (the pictures of this exact
    file already existed), "unchanged", "none" (a file without pages, such as audio) or
    "failed" (the file could not be converted; logged, the page says "no preview").
    """
    old_name, old_pages = attachment.preview.name or "", attachment.preview_pages
    try:
        source = preview_source(attachment)
    except OSError as error:  # the source file is missing: no hash can be taken
        logger.warning("No preview for attachment %s: %s", attachment.pk, error)
        return _give_up(attachment, old_name, old_pages, Status.FAILED)
    if source is None:
        return _give_up(attachment, old_name, old_pages, Status.NONE)

    wanted = source.first_page_name
    current = attachment.preview_status == Status.READY and old_name == wanted
    if current and not force and preview_storage().exists(wanted):
        return "unchanged"

    other = None if force else _same_file_elsewhere(wanted, attachment.pk)
    if other is not None:
        pages, text, outcome = other.preview_pages, other.text, "reused"
    else:
        try:
            converted = _draw(source)
            _store_pictures(wanted, converted.pages)
        except CONVERSION_ERRORS as error:
            logger.warning(
                "No preview for attachment %s (%s): %s", attachment.pk, source.item, error
            )
            return _give_up(attachment, old_name, old_pages, Status.FAILED)
        pages, text, outcome = len(converted.pages), converted.text, "made"

    _record(attachment, preview=wanted, preview_pages=pages, preview_status=Status.READY, text=text)
    _forget_old_pictures(old_name, old_pages, wanted)
    return outcome


def _give_up(attachment, old_name: str, old_pages: int, status: str) -> Outcome:
    _record(attachment, preview="", preview_pages=0, preview_status=status, text="")
    _forget_old_pictures(old_name, old_pages, "")
    return "failed" if status == Status.FAILED else "none"


def make_preview_by_id(attachment_id: int) -> Outcome | None:
    attachment = (
        LibraryAttachment.objects.select_related("document", "image")
        .filter(pk=attachment_id)
        .first()
    )
    if attachment is None:  # deleted before the worker got to it
        return None
    return make_preview(attachment)


def waiting_for_text() -> list[int]:
    """Files never converted (no text read from them yet) on pages the world may see:
    what `search_index rebuild` converts first, so the words inside them are searchable
    without waiting for the worker."""
    public = LibraryPage.objects.visible_to(None).values("pk")
    return list(
        LibraryAttachment.objects.filter(
            page__in=public, text="", preview_status=Status.WAITING
        ).values_list("pk", flat=True)
    )


def convert_waiting(progress=None) -> Counter[str]:
    """Convert `waiting_for_text()` here and now, with the worker's own code and limits;
    returns the outcomes counted ("made", "failed", …)."""
    outcomes: Counter[str] = Counter()
    for attachment_id in waiting_for_text():
        outcomes[make_preview_by_id(attachment_id) or "gone"] += 1
        if progress:
            progress(1)
    return outcomes
