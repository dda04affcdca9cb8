"""A material's body as a teacher writes it (plain text, one step per line) and as the
page stores it (the shared body blocks: steps, materials needed, variations, tips).

Teachers share through a plain form, not a block editor; editors may later add pictures or
a video in the Wagtail admin. When a teacher edits a submission, the blocks the form
cannot show are kept as they are, after the ones it rebuilds.
"""

import re
import uuid
from dataclasses import dataclass, field

# The blocks the share form writes; any others are an editor's and are left alone.
FORM_BLOCKS = ("steps", "materials_needed", "variations", "tips")

# Stored, not translated: the heading is part of the material, like the block's default.
STEPS_HEADING = "How to run it"

# "1. ", "2) ", "・", "- ", "①" at the start of a pasted line: the page numbers them itself.
LEADING_MARKER = re.compile(
    "^\\s*(?:[-*•・●◦‣]|\\(?\\d{1,2}[.):\uff0e\uff09]|[①-⑳])\\s*"  # full-width stop and parenthesis
)


@dataclass
class TeacherSections:
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


def lines_of(text: str) -> list[str]:
    """One item per non-empty line, without the bullets or numbers a teacher typed."""
    items = []
    for line in (text or "").splitlines():
        item = LEADING_MARKER.sub("", line, count=1).strip()
        if item:
            items.append(item)
    return items


def _list_items(values: list[str]) -> list[dict]:
    return [{"type": "item", "value": value, "id": str(uuid.uuid4())} for value in values]


def _block(block_type: str, value: dict) -> dict:
    return {"type": block_type, "value": value, "id": str(uuid.uuid4())}


def body_from_sections(sections: TeacherSections) -> list[dict]:
    """The body's raw stream data: steps, materials, variations, tips, then any others."""
    blocks = []
    if sections.steps:
        blocks.append(
            _block(
                "steps",
                {"heading": STEPS_HEADING, "steps": _list_items(sections.steps)},
            )
        )
    if sections.materials_needed:
        blocks.append(_block("materials_needed", {"items": _list_items(sections.materials_needed)}))
    if sections.variations:
        blocks.append(_block("variations", {"variations": _list_items(sections.variations)}))
    if sections.jte_tip or sections.alt_tip:
        blocks.append(_block("tips", {"jte_tip": sections.jte_tip, "alt_tip": sections.alt_tip}))
    return blocks + list(sections.other_blocks)


def sections_from_body(body) -> TeacherSections:
    """Read a stored body back into the form's sections (several blocks of one kind are
    joined, so nothing an editor split up is lost)."""
    sections = TeacherSections()
    jte_tips, alt_tips = [], []
    for block in body.raw_data if hasattr(body, "raw_data") else body or []:
        block_type, value = block["type"], block.get("value") or {}
        if block_type == "steps":
            sections.steps += _values(value.get("steps"))
        elif block_type == "materials_needed":
            sections.materials_needed += _values(value.get("items"))
        elif block_type == "variations":
            sections.variations += _values(value.get("variations"))
        elif block_type == "tips":
            jte_tips.append((value.get("jte_tip") or "").strip())
            alt_tips.append((value.get("alt_tip") or "").strip())
        else:
            sections.other_blocks.append(dict(block))
    sections.jte_tip = "\n\n".join(tip for tip in jte_tips if tip)
    sections.alt_tip = "\n\n".join(tip for tip in alt_tips if tip)
    return sections


def _values(items) -> list[str]:
    """ListBlock raw data, in either of the shapes Wagtail has stored it in."""
    values = []
    for item in items or []:
        value = item.get("value") if isinstance(item, dict) else item
        if isinstance(value, str) and value.strip():
            values.append(value.strip())
    return values
