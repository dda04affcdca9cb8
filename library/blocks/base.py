"""What a library body block does besides showing itself on the page.

A page body travels through five places: the page (Wagtail's `Meta.template`), search
(Wagtail's `get_searchable_content`), the Markdown export and import, the teachers' share
form and the PDF printout. Each of them iterates the body and asks each block; none of them
knows the block types. So a new block type is one class here: it overrides the hooks it
answers and inherits "not mine" for the rest.
"""

from dataclasses import dataclass
from typing import Any

from django.template.loader import render_to_string
from django.utils.safestring import SafeString
from wagtail import blocks

from library.markdown.reading import Section
from library.markdown.writing import FileLink


@dataclass(frozen=True)
class PrintedBlock:
    """One block laid out for paper, and the stored files its HTML embeds (the PDF
    renderer may read those and nothing else)."""

    html: SafeString
    files: tuple[str, ...] = ()


class LibraryBlock(blocks.Block):
    """Mixed into every body block (listed first, before the Wagtail block class)."""

    # Section headings that make a Markdown section this block's (as `heading_key` writes
    # them). A block naming the heading is asked before blocks that go by shape alone.
    markdown_headings: frozenset[str] = frozenset()
    # The share form's boxes this block is shown in. () means the form cannot show it:
    # it is kept as an editor made it when a teacher edits the submission.
    share_form_fields: tuple[str, ...] = ()

    class Meta:
        # The PDF layout of the block; None leaves the block out of printouts rather than
        # printing it half-right.
        print_template = None

    # -- Markdown: export (library/exporting) and import (library/importing) ------------
    def to_markdown(self, value, files: FileLink) -> str:
        """The block as the importer reads it back; "" when it cannot be exported (a
        picture whose image was deleted) and is left out."""
        return ""

    def from_markdown_section(self, section: Section) -> Any | None:
        """The value for a whole `## heading` section, or None when it is not this block."""
        return None

    def from_markdown_paragraph(self, paragraph: list[str], kind_of) -> Any | None:
        """The value for one paragraph (a picture, a file, a video line), or None.

        `kind_of(path)` says what the upload check takes a local file for. Raise
        `BodyError` for a paragraph that is clearly meant for this block but cannot be
        imported, so the editor hears why instead of finding it turned into text.
        """
        return None

    def from_markdown_prose(self, text: str) -> Any | None:
        """The value for Markdown no other block took (the body's rich text), or None."""
        return None

    def import_state(self, value) -> Any:
        """The stored value in the shape the importer builds (files by content hash), so a
        re-import can tell "unchanged" and the round-trip test can compare."""
        return value

    def stored_file_title(self, value) -> str:
        """The title an imported file of this block is stored under ("": its name)."""
        return ""

    # -- the share form (library/sharing) -----------------------------------------------
    def share_form_text(self, value) -> dict[str, list[str]]:
        """What the block shows in each of its `share_form_fields`, as lines or texts."""
        return {}

    def from_share_form(self, sections) -> Any | None:
        """The block's value from the form's sections (library/sharing/body.py
        `TeacherSections`), or None when the teacher left its boxes empty."""
        return None

    # -- the printout (library/printing) ----------------------------------------------
    def print_context(self, value) -> dict[str, Any]:
        """What the print template needs besides the value (addresses for QR codes)."""
        return {}

    def render_for_print(self, value) -> PrintedBlock | None:
        """The block's HTML for the PDF (render inside `translation.override`)."""
        if not self.meta.print_template:
            return None
        return PrintedBlock(self.render_print_template(value, **self.print_context(value)))

    def render_print_template(self, value, **context) -> SafeString:
        return render_to_string(self.meta.print_template, {"value": value, **context})
