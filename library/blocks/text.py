"""The body's rich text: what an editor writes in the admin and imported prose becomes.

Kept to a handful of features (paragraph headings, bold, italic, links, lists) so that it
prints, exports to Markdown and imports back without loss (library/markdown/rich_text.py
does both directions and sanitises on the way in).
"""

from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks
from wagtail.rich_text import expand_db_html

from library.markdown.rich_text import markdown_to_rich_text, rich_text_to_markdown, sanitise_html
from library.markdown.writing import FileLink

from .base import LibraryBlock

SIMPLE_RICH_TEXT = ("h2", "h3", "h4", "bold", "italic", "link", "ol", "ul")


class LibraryRichTextBlock(LibraryBlock, blocks.RichTextBlock):
    def __init__(self, features=None, **kwargs):
        # Features are an argument of Wagtail's block, not Meta: the default is set here.
        super().__init__(features=list(features or SIMPLE_RICH_TEXT), **kwargs)

    class Meta:
        icon = "pilcrow"
        label = _("Text")
        template = "library/blocks/rich_text.html"
        print_template = "library/pdf/blocks/rich_text.html"

    def to_markdown(self, value, files: FileLink) -> str:
        return rich_text_to_markdown(value.source)

    def from_markdown_prose(self, text: str) -> Any | None:
        """Whatever Markdown no other block took, sanitised (None when nothing is left)."""
        return markdown_to_rich_text(text) or None

    def import_state(self, value) -> Any:
        return sanitise_html(expand_db_html(value.source))


# Migrations name the block by the package's path, so moving it inside the package
# changes no migration (the mechanism Wagtail uses for its own `wagtail.blocks`).
DECONSTRUCT_ALIASES = {LibraryRichTextBlock: "library.blocks.LibraryRichTextBlock"}
