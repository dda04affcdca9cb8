"""A material's body as a teacher writes it (plain text, one step per line) and as the
page stores it (the shared body blocks: steps, materials needed, variations, tips).

Teachers share through a plain form, not a block editor; editors may later add pictures or
a video in the Wagtail admin. Each block says which of the form's boxes it is shown in and
how to rebuild itself from them (`share_form_text` / `from_share_form`, library/blocks/);
this module only walks the body. When a teacher edits a submission, the blocks the form
cannot show are kept as they are, after the ones it rebuilds.
"""

import re
import uuid
from dataclasses import dataclass, field

from wagtail.blocks import StreamBlock

from library.models import LibraryPage

# "1. ", "2) ", "・", "- ", "①" at the start of a pasted line: the page numbers them itself.
LEADING_MARKER = re.compile(
    "^\\s*(?:[-*•・●◦‣]|\\(?\\d{1,2}[.):\uff0e\uff09]|[①-⑳])\\s*"  # full-width stop and parenthesis
)


@dataclass
class TeacherSections:
    """The share form's boxes: lists hold one item per line, tips are one text each."""

    steps: list[str] = field(default_factory=list)
    materials_needed: list[str] = field(default_factory=list)
    variations: list[str] = field(default_factory=list)
    jte_tip: str = ""
    alt_tip: str = ""
    # Blocks an editor added that the form does not show, in stored (raw) form.
    other_blocks: list[dict] = field(default_factory=list)

    def as_initial(self) -> dict[str, str]:
        """The form's initial text for each section."""
        return {
            "steps": "\n".join(self.steps),
            "materials_needed": "\n".join(self.materials_needed),
            "variations": "\n".join(self.variations),
            "jte_tip": self.jte_tip,
            "alt_tip": self.alt_tip,
        }

    def add(self, box: str, texts: list[str]) -> None:
        """What one more block shows in a box: list items are appended; a text is joined
        to what is there with a blank line, so nothing an editor split up is lost."""
        current = getattr(self, box)
        if isinstance(current, list):
            current.extend(texts)
        else:
            setattr(self, box, "\n\n".join(text for text in [current, *texts] if text))


def lines_of(text: str) -> list[str]:
    """One item per non-empty line, without the bullets or numbers a teacher typed."""
    items = []
    for line in (text or "").splitlines():
        item = LEADING_MARKER.sub("", line, count=1).strip()
        if item:
            items.append(item)
    return items


def _page_body_block() -> StreamBlock:
    return LibraryPage._meta.get_field("body").stream_block


def body_from_sections(
    sections: TeacherSections, stream_block: StreamBlock | None = None
) -> list[dict]:
    """The body's raw stream data: the form's blocks in the body's order, then any others."""
    stream_block = stream_block or _page_body_block()
    blocks = []
    for name, block in stream_block.child_blocks.items():
        value = block.from_share_form(sections) if block.share_form_fields else None
        if value is not None:
            raw = block.get_prep_value(block.normalize(value))
            blocks.append({"type": name, "value": raw, "id": str(uuid.uuid4())})
    return blocks + list(sections.other_blocks)


def sections_from_body(body, stream_block: StreamBlock | None = None) -> TeacherSections:
    """Read a stored body (a StreamValue or its raw data) back into the form's sections
    (several blocks of one kind are joined, so nothing an editor split up is lost)."""
    stream_block = stream_block or getattr(body, "stream_block", None) or _page_body_block()
    sections = TeacherSections()
    for raw in body.raw_data if hasattr(body, "raw_data") else body or []:
        block = stream_block.child_blocks.get(raw["type"])
        if block is None or not block.share_form_fields:
            sections.other_blocks.append(dict(raw))
            continue
        value = block.to_python(raw.get("value") or {})
        for box, texts in block.share_form_text(value).items():
            sections.add(box, texts)
    return sections
