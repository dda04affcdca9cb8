"""The sections a teacher writes as plain text: steps, materials, variations, JTE/ALT tips.

They are what makes a material usable twenty minutes before class, so each is its own block
the page can lay out. Being plain text, they are kept exactly as typed everywhere: in
Markdown they are a `## heading` over a list (or `JTE:` / `ALT:` lines), Markdown inside them
is not interpreted, and on the share form each is a box with one item per line.
"""

import re
from typing import Any

from django.utils.translation import gettext_lazy as _
from wagtail import blocks

from library.markdown.reading import (
    COLONS,
    CONTINUATION,
    Section,
    as_list,
    names,
    unescape_markdown,
)
from library.markdown.writing import FileLink, labelled_lines, plain_section

from .base import LibraryBlock

# The tips block's fields and the label each is written under in Markdown.
TIPS = (("JTE", "jte_tip"), ("ALT", "alt_tip"))
TIP_LINE = re.compile(
    rf"^(?:[-*+][ \t]+)?(JTE[ \t]*/[ \t]*HRT|HRT|JTE|ALT)[ \t]*[{COLONS}][ \t]*(.*)$",
    re.IGNORECASE,
)


def _texts(items) -> list[str]:
    """Non-empty items, stripped: what a share-form box shows, one per line."""
    return [item.strip() for item in items or () if isinstance(item, str) and item.strip()]


class TeacherListBlock(LibraryBlock, blocks.StructBlock):
    """A section that is a list: one block per kind, told apart by its heading."""

    list_name = ""  # the ListBlock child holding the items
    share_form_field = ""  # the share form's box for the items
    markdown_heading = ""  # how the exporter heads the section
    numbered = False  # written as 1. 2. 3. rather than as bullets
    # How an item's indented continuation lines are joined on import: one-line items (a
    # CharBlock) take a space, multi-line ones (a TextBlock) keep the line break.
    item_join = "\n"

    @property
    def share_form_fields(self) -> tuple[str, ...]:
        return (self.share_form_field,) if self.share_form_field else ()

    def heading_for_markdown(self, value) -> str:
        return self.markdown_heading

    def to_markdown(self, value, files: FileLink) -> str:
        items = list(value[self.list_name])
        return plain_section(self.heading_for_markdown(value), items, numbered=self.numbered)

    def from_markdown_section(self, section: Section) -> Any | None:
        if section.key not in self.markdown_headings:
            return None
        listed = as_list(section.lines, join=self.item_join)
        return {self.list_name: listed[1]} if listed else None

    def import_state(self, value) -> Any:
        return {self.list_name: [str(item).strip() for item in value[self.list_name]]}

    def share_form_text(self, value) -> dict[str, list[str]]:
        return {self.share_form_field: _texts(value[self.list_name])}

    def from_share_form(self, sections) -> Any | None:
        items = getattr(sections, self.share_form_field)
        return {self.list_name: list(items)} if items else None


# The headings steps are stored under by default or by the importers when written the
# usual way (the share form stores "How to run it"; Markdown keeps "## Coaching steps" as
# typed). They are Kyozai's words, not the author's, so a reader sees them in the page's
# language; any other heading is the author's and shown as typed.
STOCK_STEP_HEADINGS = {
    "how to run it": _("How to run it"),
    "steps": _("Steps"),
    "coaching steps": _("Coaching steps"),
    "how to play": _("How to play"),
    "procedure": _("Procedure"),
    "instructions": _("Instructions"),
    "what to do": _("What to do"),
}


class StepsValue(blocks.StructValue):
    """A steps section as the page shows it."""

    def shown_heading(self) -> str:
        """The heading in the reader's language when it is one of Kyozai's stock headings
        (STOCK_STEP_HEADINGS), else exactly as the author wrote it."""
        heading = (self.get("heading") or "").strip()
        stock = STOCK_STEP_HEADINGS.get(" ".join(heading.lower().rstrip(":\uff1a").split()))
        return str(stock) if stock else heading


class StepsBlock(TeacherListBlock):
    heading = blocks.CharBlock(label=_("heading"), required=False, default="How to run it")
    steps = blocks.ListBlock(blocks.TextBlock(label=_("step")), label=_("steps"), min_num=1)

    list_name = "steps"
    share_form_field = "steps"
    markdown_heading = "Steps"
    numbered = True
    markdown_headings = names(
        "steps",
        "how to run it",
        "how to play",
        "procedure",
        "instructions",
        "what to do",
        "手順",
        "進め方",
        "活動の流れ",
    )

    class Meta:
        icon = "list-ol"
        label = _("Numbered steps")
        value_class = StepsValue
        template = "library/blocks/steps.html"
        print_template = "library/pdf/blocks/steps.html"

    def heading_for_markdown(self, value) -> str:
        return value.get("heading") or self.markdown_heading

    def from_markdown_section(self, section: Section) -> Any | None:
        """Steps under their own heading (any list), or under any heading when the section
        is only a numbered list; headed as written."""
        listed = as_list(section.lines)
        if listed and (section.key in self.markdown_headings or listed[0]):
            return {"heading": unescape_markdown(section.heading or ""), "steps": listed[1]}
        return None

    def import_state(self, value) -> Any:
        return {"heading": value.get("heading") or "", **super().import_state(value)}

    def from_share_form(self, sections) -> Any | None:
        value = super().from_share_form(sections)
        if value is None:
            return None
        # Stored, not translated: the heading is part of the material, like the default.
        return {"heading": self.child_blocks["heading"].get_default(), **value}


class MaterialsNeededBlock(TeacherListBlock):
    items = blocks.ListBlock(blocks.CharBlock(label=_("item")), label=_("items"), min_num=1)

    list_name = "items"
    share_form_field = "materials_needed"
    markdown_heading = "Materials"
    markdown_headings = names(
        "materials",
        "materials needed",
        "what you need",
        "you will need",
        "things to prepare",
        "準備物",
        "準備するもの",
        "用意するもの",
    )
    item_join = " "

    class Meta:
        icon = "tasks"
        label = _("Materials needed")
        template = "library/blocks/materials_needed.html"
        print_template = "library/pdf/blocks/materials_needed.html"


class VariationsBlock(TeacherListBlock):
    variations = blocks.ListBlock(
        blocks.TextBlock(label=_("variation")), label=_("variations"), min_num=1
    )

    list_name = "variations"
    share_form_field = "variations"
    markdown_heading = "Variations"
    markdown_headings = names("variations", "variation", "extensions", "バリエーション", "アレンジ")

    class Meta:
        icon = "repeat"
        label = _("Variations")
        template = "library/blocks/variations.html"
        print_template = "library/pdf/blocks/variations.html"


class TeamTeachingTipsBlock(LibraryBlock, blocks.StructBlock):
    """Who does what: the fix for the ALT as "human tape recorder"."""

    jte_tip = blocks.TextBlock(label=_("tip for the JTE / HRT"), required=False)
    alt_tip = blocks.TextBlock(label=_("tip for the ALT"), required=False)

    markdown_headings = names(
        "tips",
        "jte / alt tips",
        "jte/alt tips",
        "team-teaching tips",
        "team teaching tips",
        "tt tips",
        "指導のポイント",
    )
    share_form_fields = ("jte_tip", "alt_tip")

    class Meta:
        icon = "group"
        label = _("JTE / ALT tips")
        template = "library/blocks/tips.html"
        print_template = "library/pdf/blocks/tips.html"

    def to_markdown(self, value, files: FileLink) -> str:
        lines = ["## Tips", ""]
        for label, name in TIPS:
            if (value.get(name) or "").strip():
                lines.extend(labelled_lines(label, value[name]))
        return "\n".join(lines)

    def from_markdown_section(self, section: Section) -> Any | None:
        """`JTE: …` / `ALT: …` lines (`HRT:` is the JTE's) under a tips heading."""
        if section.key not in self.markdown_headings:
            return None
        tips: dict[str, list[str]] = {"jte_tip": [], "alt_tip": []}
        current: list[str] | None = None
        for line in section.lines:
            if not line.strip():
                continue
            if tip := TIP_LINE.match(line):
                current = tips["alt_tip" if tip.group(1).upper() == "ALT" else "jte_tip"]
                current.append(tip.group(2).strip())
            elif current is not None and (more := CONTINUATION.match(line)):
                current.append(more.group(1).strip())
            else:
                return None
        if not tips["jte_tip"] and not tips["alt_tip"]:
            return None
        return {key: "\n".join(part for part in parts if part) for key, parts in tips.items()}

    def import_state(self, value) -> Any:
        return {name: (value.get(name) or "").strip() for _, name in TIPS}

    def share_form_text(self, value) -> dict[str, list[str]]:
        return {name: [(value.get(name) or "").strip()] for name in self.share_form_fields}

    def from_share_form(self, sections) -> Any | None:
        tips = {name: getattr(sections, name) for name in self.share_form_fields}
        return tips if any(tips.values()) else None
