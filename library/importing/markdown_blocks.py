"""An entry's Markdown body → the page's body blocks (library/blocks/).

Editors write one Markdown text; teachers get the structured blocks the material page lays
out (numbered steps, what to bring, variations, a tip for the JTE and one for the ALT).
The body is cut into sections at `#`/`##` headings and at `---` lines, and the body's own
blocks are asked, in turn, what each piece is:

- a section with a heading: its whole text, to a block that names the heading first
  (`## Materials` + a list → materials needed, `## Variations` + a list → variations,
  `## Tips` + `JTE: …` / `ALT: …` lines → JTE / ALT tips, `## Steps` + a list → steps),
  then to blocks that go by shape (any `##` heading + only a numbered list → steps);
- otherwise paragraph by paragraph: a paragraph that is only `![alt](path "caption")` is a
  picture, only `[label](path.pdf)` a document, `[caption](path.mp3)` (with `> transcript`
  lines) audio, only `<https://…>` an embedded video; paths are files next to the JSONL file;
- everything else is prose, sanitised into rich text (library/markdown/rich_text.py).

Which block reads what is written on the blocks; this module only cuts the text and keeps
the order. The exporter (library/exporting/markdown.py) writes the same dialect, so
export → import gives the same blocks back.
"""

import re
from collections.abc import Callable
from typing import Any

from wagtail.blocks import StreamBlock

from library.markdown.reading import THEMATIC_BREAK, BodyError, MediaLink, Section
from library.models import LibraryPage

SECTION_HEADING = re.compile(r"^(#{1,2})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")

# (block type, value) with MediaLink placeholders in place of files.
BodyBlock = tuple[str, dict[str, Any] | str]
Resolver = Callable[[MediaLink], Any]
KindOf = Callable[[str], str | None]

__all__ = ["BodyBlock", "BodyError", "MediaLink", "markdown_to_blocks", "resolve_media"]


def page_body_block() -> StreamBlock:
    """The StreamBlock library pages store their body in."""
    return LibraryPage._meta.get_field("body").stream_block


class BlockReaders:
    """The body's child blocks, each asked in turn whether a piece of Markdown is theirs."""

    def __init__(self, stream_block: StreamBlock):
        self.blocks = list(stream_block.child_blocks.items())

    @staticmethod
    def _first(named_blocks, read) -> BodyBlock | None:
        for name, block in named_blocks:
            value = read(block)
            if value is not None:
                return (name, value)
        return None

    def section(self, section: Section) -> BodyBlock | None:
        """A block that names the heading has the first say; then any block that goes by
        the section's shape alone (steps: any heading over a numbered list)."""
        if not section.heading:
            return None
        named_first = sorted(
            self.blocks, key=lambda named: section.key not in named[1].markdown_headings
        )
        return self._first(named_first, lambda block: block.from_markdown_section(section))

    def paragraph(self, paragraph: list[str], kind_of: KindOf) -> BodyBlock | None:
        return self._first(
            self.blocks, lambda block: block.from_markdown_paragraph(paragraph, kind_of)
        )

    def prose(self, text: str) -> BodyBlock | None:
        return self._first(self.blocks, lambda block: block.from_markdown_prose(text))

    def section_blocks(self, section: Section, kind_of: KindOf) -> list[BodyBlock]:
        """The blocks for one section: one block for the whole of it, or its paragraphs
        one by one, with runs of prose between pictures and files kept together."""
        whole = self.section(section)
        if whole is not None:
            return [whole]
        blocks: list[BodyBlock] = []
        pending: list[str] = [f"## {section.heading}", ""] if section.heading else []

        def flush():
            prose = self.prose("\n".join(pending))
            if prose is not None:
                blocks.append(prose)
            pending.clear()

        for chunk in _chunks(section.lines):
            media = self.paragraph(chunk, kind_of)
            if media is None:
                pending.extend([*chunk, ""])
            else:
                flush()
                blocks.append(media)
        flush()
        return blocks


def _split_sections(text: str) -> list[Section]:
    sections = [Section()]
    fence: str | None = None
    previous_blank = True
    for line in text.split("\n"):
        if fence:
            sections[-1].lines.append(line)
            if line.strip().startswith(fence):
                fence = None
            previous_blank = False
            continue
        if opening := FENCE.match(line):
            fence = opening.group(1)[:3]
            sections[-1].lines.append(line)
        elif heading := SECTION_HEADING.match(line):
            sections.append(Section(heading=heading.group(2).strip()))
        elif previous_blank and THEMATIC_BREAK.match(line):
            sections.append(Section())
        else:
            sections[-1].lines.append(line)
        previous_blank = not line.strip()
    return sections


def _chunks(lines: list[str]) -> list[list[str]]:
    """Paragraph-sized pieces (split at blank lines, never inside a code fence)."""
    chunks: list[list[str]] = [[]]
    fence: str | None = None
    for line in lines:
        if fence:
            chunks[-1].append(line)
            if line.strip().startswith(fence):
                fence = None
            continue
        if opening := FENCE.match(line):
            fence = opening.group(1)[:3]
        if not line.strip() and not fence:
            if chunks[-1]:
                chunks.append([])
            continue
        chunks[-1].append(line)
    return [chunk for chunk in chunks if chunk]


def markdown_to_blocks(
    text: str, kind_of: KindOf, stream_block: StreamBlock | None = None
) -> list[BodyBlock]:
    """Blocks for a Markdown body; media values are MediaLink placeholders.

    `kind_of(path)` says whether a linked local file is an "image", "document" or "audio"
    (by its extension), or None when the importer does not accept it. `stream_block` is
    the body's StreamBlock (the page models' by default).
    """
    readers = BlockReaders(stream_block or page_body_block())
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[BodyBlock] = []
    for section in _split_sections(text):
        blocks.extend(readers.section_blocks(section, kind_of))
    return blocks


def resolve_media(blocks: list[BodyBlock], resolve: Resolver) -> list[BodyBlock]:
    """The same blocks with each MediaLink replaced by `resolve(link)`."""
    resolved: list[BodyBlock] = []
    for block_type, data in blocks:
        if isinstance(data, dict):
            data = {
                key: resolve(value) if isinstance(value, MediaLink) else value
                for key, value in data.items()
            }
        resolved.append((block_type, data))
    return resolved
