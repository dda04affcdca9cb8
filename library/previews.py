"""Preview pictures for the files on a library page: the first page of a PDF, or a small
copy of an image, about 480 pixels wide, stored in `LibraryAttachment.preview`.

A teacher choosing between three worksheets 20 minutes before class wants to see them, not
read file names. Previews are made after the saving transaction commits (see
library/signals.py), so a slow or broken file never holds up or breaks the save: a PDF
that cannot be read is logged and simply gets no preview.

A preview's file name carries the source file's hash, so a replaced document gets a new
preview, an unchanged one is never rendered twice, and restoring an old revision (which
may carry an old or empty `preview` value) finds the existing picture again.
"""

import io
import logging
import threading
from dataclasses import dataclass
from typing import Literal

import pypdfium2 as pdfium
from django.core.files.base import ContentFile
from django.db import transaction
from PIL import Image

from library.models import LibraryAttachment

logger = logging.getLogger("kyozai.library.previews")

PREVIEW_WIDTH = 480
# A long poster or a scroll-like image is cut to this height, not squashed.
MAX_PREVIEW_HEIGHT = 960
PREVIEW_FOLDER = "previews"
# PDFium is not thread-safe; the development server and threaded workers share one.
_pdfium_lock = threading.Lock()

Outcome = Literal["made", "reused", "unchanged", "none", "failed"]


@dataclass(frozen=True)
class PreviewSource:
    """The file a preview is made from, and how."""

    kind: Literal["pdf", "image"]
    item: object  # a Wagtail Document or Image
    file_hash: str

    @property
    def preview_name(self) -> str:
        prefix = "doc" if self.kind == "pdf" else "img"
        return f"{PREVIEW_FOLDER}/{prefix}-{self.item.pk}-{self.file_hash[:16]}.png"


def preview_source(attachment: LibraryAttachment) -> PreviewSource | None:
    """What to draw the preview from, or None for files that get none (Office, audio)."""
    if attachment.image_id:
        image = attachment.image
        return PreviewSource("image", image, image.get_file_hash())
    if attachment.document_id:
        document = attachment.document
        if document.file_extension.lower() == "pdf":
            return PreviewSource("pdf", document, document.get_file_hash())
    return None


def render_pdf_first_page(data: bytes, width: int = PREVIEW_WIDTH) -> Image.Image:
    """The first page of a PDF as a picture `width` pixels wide (PdfiumError if unreadable)."""
    with _pdfium_lock:
        pdf = pdfium.PdfDocument(data)
        try:
            if len(pdf) == 0:
                raise pdfium.PdfiumError("The PDF has no pages.")
            page = pdf[0]
            try:
                page_width, page_height = page.get_size()
                if page_width <= 0 or page_height <= 0:
                    raise pdfium.PdfiumError("The first page has no size.")
                scale = min(width / page_width, MAX_PREVIEW_HEIGHT / page_height)
                bitmap = page.render(scale=scale)
                picture = bitmap.to_pil().convert("RGB")
                bitmap.close()
            finally:
                page.close()
        finally:
            pdf.close()
    return picture


def thumbnail_of_image(data: bytes, width: int = PREVIEW_WIDTH) -> Image.Image:
    """A copy no wider than `width` (first frame of a GIF), transparency on white."""
    with Image.open(io.BytesIO(data)) as picture:
        picture.seek(0)
        picture.thumbnail((width, MAX_PREVIEW_HEIGHT))
        if picture.mode in ("RGBA", "LA", "P"):
            rgba = picture.convert("RGBA")
            flat = Image.new("RGB", rgba.size, "white")
            flat.paste(rgba, mask=rgba.getchannel("A"))
            return flat
        return picture.convert("RGB")


def _png_bytes(picture: Image.Image) -> bytes:
    buffer = io.BytesIO()
    picture.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def _read(item) -> bytes:
    with item.open_file() as handle:
        handle.seek(0)
        return handle.read()


def _draw(source: PreviewSource) -> Image.Image:
    data = _read(source.item)
    if source.kind == "pdf":
        return render_pdf_first_page(data)
    return thumbnail_of_image(data)


def _forget_old_preview(old_name: str, new_name: str) -> None:
    """Delete a preview file nothing points at any more (a replaced document's)."""
    if not old_name or old_name == new_name:
        return
    if LibraryAttachment.objects.filter(preview=old_name).exists():
        return
    storage = LibraryAttachment._meta.get_field("preview").storage
    storage.delete(old_name)


def make_preview(attachment: LibraryAttachment, *, force: bool = False) -> Outcome:
    """Bring one attachment's preview up to date with its file.

    Returns what happened: "made" (rendered now), "reused" (the picture for this exact
    file already existed), "unchanged", "none" (a file type without previews) or
    "failed" (the file could not be read; logged, the attachment keeps no preview).
    """
    storage = LibraryAttachment._meta.get_field("preview").storage
    old_name = attachment.preview.name or ""
    try:
        source = preview_source(attachment)
    except OSError as error:
        # The source file is missing from storage, so its hash cannot be taken.
        logger.warning("No preview for attachment %s: %s", attachment.pk, error)
        source = None
        failed = True
    else:
        failed = False

    if source is None:
        if old_name:
            LibraryAttachment.objects.filter(pk=attachment.pk).update(preview="")
            attachment.preview.name = ""
            _forget_old_preview(old_name, "")
        return "failed" if failed else "none"

    wanted = source.preview_name
    if old_name == wanted and not force and storage.exists(wanted):
        return "unchanged"

    outcome: Outcome = "reused"
    if force or not storage.exists(wanted):
        try:
            picture = _draw(source)
        except (
            pdfium.PdfiumError,
            OSError,
            ValueError,
            SyntaxError,
            Image.DecompressionBombError,
        ) as error:
            logger.warning(
                "No preview for attachment %s (%s): %s", attachment.pk, source.item, error
            )
            return "failed"
        if storage.exists(wanted):
            storage.delete(wanted)
        wanted = storage.save(wanted, ContentFile(_png_bytes(picture)))
        outcome = "made"

    # update(), not save(): no signals, no revision, no change to anything else.
    LibraryAttachment.objects.filter(pk=attachment.pk).update(preview=wanted)
    attachment.preview.name = wanted
    _forget_old_preview(old_name, wanted)
    return outcome


def make_preview_by_id(attachment_id: int) -> Outcome | None:
    attachment = (
        LibraryAttachment.objects.select_related("document", "image")
        .filter(pk=attachment_id)
        .first()
    )
    if attachment is None:  # deleted before the transaction committed
        return None
    return make_preview(attachment)


def schedule_preview(attachment_id: int) -> None:
    """Make the preview once the current transaction has committed (at once outside one)."""
    transaction.on_commit(lambda: make_preview_by_id(attachment_id), robust=True)
