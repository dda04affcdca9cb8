"""Pictures, files, audio and videos placed in a page body.

In Markdown each is one paragraph pointing at a file shipped next to the import file (or,
for a video, at its address). On paper a picture is printed and everything else becomes a
QR code a teacher can scan, because a PDF cannot play a chant. Files are compared by the
SHA-1 Wagtail keeps, so a re-import knows an unchanged file without reading it twice.
"""

import logging
import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.documents.blocks import DocumentChooserBlock
from wagtail.embeds.blocks import EmbedBlock
from wagtail.images.blocks import ImageChooserBlock
from wagtail.utils.file import hash_filelike

from library.markdown.reading import (
    ESCAPED,
    BodyError,
    MediaLink,
    file_link,
    local_path,
    unescape_markdown,
)
from library.markdown.writing import FileLink, link_target, media_label
from printing.links import absolute_url

from .base import LibraryBlock, PrintedBlock

logger = logging.getLogger("kyozai.printing")

IMAGE_LINE = re.compile(
    rf'^!\[(?P<alt>{ESCAPED})\]\((?P<path>[^)\s]+)(?:[ \t]+"(?P<caption>(?:[^"\\]|\\.)*)")?\)$'
)
EMBED_LINE = re.compile(r"^<(?P<url>https?://[^>\s]+)>$")
TRANSCRIPT_LINE = re.compile(r"^>[ ]?(.*)$")
# Sharp enough for a picture half a page wide on a school copier, light enough to keep
# the PDF small.
PRINT_RENDITION = "max-1000x800"
EMBED_HELP = _("A YouTube or Vimeo address.")


def file_hash(item) -> str | None:
    """The SHA-1 Wagtail keeps for a document or image, computed (not saved) if missing."""
    if item is None:
        return None
    if item.file_hash:
        return item.file_hash
    with item.open_file() as handle:
        return hash_filelike(handle)


def _file_url(item) -> str:
    return absolute_url(item.url) if item else ""


class FileBlock(LibraryBlock, blocks.StructBlock):
    """A stored file (picture, document, audio) and the words that go with it."""

    file_field = ""  # the chooser child holding the file
    title_fields: tuple[str, ...] = ()  # an imported file is titled by the first given

    def has_file(self, value) -> bool:
        """False when the file was deleted from the library: nothing left to export."""
        return value.get(self.file_field) is not None

    def import_state(self, value) -> Any:
        return {
            name: file_hash(value.get(name)) if name == self.file_field else value.get(name) or ""
            for name in self.child_blocks
        }

    def stored_file_title(self, value) -> str:
        return next((value[name] for name in self.title_fields if value.get(name)), "")

    def print_context(self, value) -> dict[str, Any]:
        return {"url": _file_url(value.get(self.file_field))}


class LinkedFileBlock(FileBlock):
    """A file shown as a link: `[link text](path)` in Markdown, a QR code on paper."""

    def to_markdown(self, value, files: FileLink) -> str:
        if not self.has_file(value):
            return ""
        text = media_label(value.get(self.title_fields[0]))
        return f"[{text}]({link_target(files(value[self.file_field]))})"


class ImageBlock(FileBlock):
    image = ImageChooserBlock(label=_("image"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    alt_text = blocks.CharBlock(
        label=_("text alternative"),
        required=False,
        help_text=_("What the picture shows, for screen readers. Leave empty if decorative."),
    )

    file_field = "image"
    title_fields = ("alt_text", "caption")

    class Meta:
        icon = "image"
        label = _("Image")
        template = "library/blocks/image.html"
        print_template = "library/pdf/blocks/image.html"

    def to_markdown(self, value, files: FileLink) -> str:
        """`![alt](path "caption")`."""
        if not self.has_file(value):
            return ""
        caption = (value.get("caption") or "").replace("\\", "\\\\").replace('"', '\\"')
        title = f' "{caption}"' if caption else ""
        path = link_target(files(value["image"]))
        return f"![{media_label(value.get('alt_text'))}]({path}{title})"

    def from_markdown_paragraph(self, paragraph: list[str], kind_of) -> Any | None:
        image = IMAGE_LINE.match(paragraph[0].strip())
        if not image or paragraph[1:] or (path := local_path(image.group("path"))) is None:
            return None
        return {
            "image": MediaLink(path, "image"),
            "caption": unescape_markdown(image.group("caption") or ""),
            "alt_text": unescape_markdown(image.group("alt")),
        }

    def render_for_print(self, value) -> PrintedBlock | None:
        """The picture itself, at print size; its file joins the renderer's allow list."""
        rendition = self.print_rendition(value.get("image"))
        files = (rendition.file.name,) if rendition is not None else ()
        return PrintedBlock(self.render_print_template(value, rendition=rendition), files)

    @staticmethod
    def print_rendition(image):
        """The print-size rendition, or None when the file is missing or unreadable (the
        caption still prints)."""
        if image is None:
            return None
        try:
            return image.get_rendition(PRINT_RENDITION)
        except (OSError, ValueError) as error:
            logger.warning("Image %s left out of a printout: %s", image.pk, error)
            return None


class DocumentBlock(LinkedFileBlock):
    document = DocumentChooserBlock(label=_("document"))
    label = blocks.CharBlock(label=_("link text"), required=False)

    file_field = "document"
    title_fields = ("label",)

    class Meta:
        icon = "doc-full"
        label = _("Document")
        template = "library/blocks/document.html"
        print_template = "library/pdf/blocks/document.html"

    def from_markdown_paragraph(self, paragraph: list[str], kind_of) -> Any | None:
        """A paragraph that is only a link to a shipped file. A link to a file the upload
        check refuses, or a picture written as a link, is an editor's slip to report, not
        text to keep."""
        link = file_link(paragraph, kind_of)
        if link is None:
            return None
        if link.kind is None:
            if link.has_extension:
                raise BodyError(f"{link.path}: not a file type Kyozai accepts")
            return None
        if link.rest or link.kind == "audio":
            return None
        if link.kind == "image":
            raise BodyError(
                f"{link.path} is a picture: write it as ![text alternative]({link.path})"
            )
        return {"document": MediaLink(link.path, "document"), "label": link.label}


class AudioBlock(LinkedFileBlock):
    """An mp3/m4a uploaded as a Wagtail document, played in the page."""

    audio = DocumentChooserBlock(label=_("audio file (mp3 or m4a)"))
    caption = blocks.CharBlock(label=_("caption"), required=False)
    transcript = blocks.TextBlock(label=_("transcript"), required=False)

    file_field = "audio"
    title_fields = ("caption",)

    class Meta:
        icon = "media"
        label = _("Audio")
        template = "library/blocks/audio.html"
        print_template = "library/pdf/blocks/audio.html"

    def to_markdown(self, value, files: FileLink) -> str:
        """The link, then the transcript as `> ` lines."""
        link = super().to_markdown(value, files)
        transcript = (value.get("transcript") or "").strip()
        if not link or not transcript:
            return link
        return "\n".join([link, *(f"> {line}".rstrip() for line in transcript.split("\n"))])

    def from_markdown_paragraph(self, paragraph: list[str], kind_of) -> Any | None:
        link = file_link(paragraph, kind_of)
        if link is None or link.kind != "audio":
            return None
        transcript = [TRANSCRIPT_LINE.match(line) for line in link.rest]
        if not all(transcript):
            return None
        return {
            "audio": MediaLink(link.path, "audio"),
            "caption": link.label,
            "transcript": "\n".join(match.group(1) for match in transcript).strip(),
        }

    def import_state(self, value) -> Any:
        return {
            **super().import_state(value),
            "transcript": (value.get("transcript") or "").strip(),
        }


class VideoEmbedBlock(LibraryBlock, EmbedBlock):
    """A YouTube or Vimeo video: played in the page, a QR code on paper, `<address>` in
    Markdown."""

    def __init__(self, help_text=EMBED_HELP, **kwargs):
        # The help text belongs to the form field, so it is an argument, not Meta.
        super().__init__(help_text=help_text, **kwargs)

    class Meta:
        icon = "media"
        label = _("Video or other embed")
        template = "library/blocks/embed.html"
        print_template = "library/pdf/blocks/embed.html"

    @staticmethod
    def address(value) -> str:
        """The video's address (an EmbedValue's URL, or the URL an import gave)."""
        return getattr(value, "url", value) or ""

    def to_markdown(self, value, files: FileLink) -> str:
        return f"<{self.address(value)}>" if self.address(value) else ""

    def from_markdown_paragraph(self, paragraph: list[str], kind_of) -> Any | None:
        embed = EMBED_LINE.match(paragraph[0].strip())
        return embed.group("url") if embed and not paragraph[1:] else None

    def import_state(self, value) -> Any:
        return self.address(value)

    def print_context(self, value) -> dict[str, Any]:
        return {"url": self.address(value)}


# Migrations name the block by the package's path, so moving it inside the package
# changes no migration (the mechanism Wagtail uses for its own `wagtail.blocks`).
DECONSTRUCT_ALIASES = {VideoEmbedBlock: "library.blocks.VideoEmbedBlock"}
