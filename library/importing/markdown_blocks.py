"""An entry's Markdown body → the page's body blocks (library/blocks.py).

Editors write one Markdown text; teachers get the structured blocks the material page lays
out (numbered steps, what to bring, variations, a tip for the JTE and one for the ALT).
The body is cut into sections at `#`/`##` headings and at `---` lines, and each section
becomes a block:

- `## Materials` (or `Materials needed`, `What you need`, 準備物…) + a list → materials needed
- `## Variations` + a list → variations
- `## Tips` + lines `JTE: …` / `ALT: …` (`HRT:` counts as the JTE's) → JTE / ALT tips
- `## Steps` / `## How to run it` + a list, or any `##` heading + only a numbered list
  → numbered steps, headed as written
- a paragraph that is only `![alt](path "caption")` → a picture; only `[label](path.pdf)`
  → a document; only `[caption](path.mp3)` (with `> transcript` lines) → audio; only
  `<https://…>` → an embedded video. Paths are files next to the JSONL file.
- everything else → rich text, sanitised (library/importing/rich_text.py)

Steps, materials, variations and tips are plain text in the blocks, so they are kept
exactly as typed (Markdown inside them is not interpreted). The exporter
(library/exporting/markdown.py) writes this same dialect, so export → import gives the
same blocks back.
"""

import re
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any
from urllib.parse import unquote

from .rich_text import markdown_to_rich_text

SECTION_HEADING = re.compile(r"^(#{1,2})[ \t]+(.+?)(?:[ \t]+#+)?[ \t]*$")
THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
FENCE = re.compile(r"^ {0,3}(`{3,}|~{3,})")
ORDERED_ITEM = re.compile(r"^ {0,3}\d{1,9}[.)](?:[ \t]+(.*))?$")
BULLET_ITEM = re.compile(r"^ {0,3}[-*+](?:[ \t]+(.*))?$")
CONTINUATION = re.compile(r"^(?: {2,}|\t)(.*)$")
# A half-width or a full-width (Japanese keyboard) colon after the label.
COLONS = ":\uff1a"
TIP_LINE = re.compile(
    rf"^(?:[-*+][ \t]+)?(JTE[ \t]*/[ \t]*HRT|HRT|JTE|ALT)[ \t]*[{COLONS}][ \t]*(.*)$",
    re.IGNORECASE,
)
_ESCAPED = r"(?:[^\]\\]|\\.)*"
IMAGE_LINE = re.compile(
    rf'^!\[(?P<alt>{_ESCAPED})\]\((?P<path>[^)\s]+)(?:[ \t]+"(?P<caption>(?:[^"\\]|\\.)*)")?\)$'
)
LINK_LINE = re.compile(rf"^\[(?P<label>{_ESCAPED})\]\((?P<path>[^)\s]+)\)$")
EMBED_LINE = re.compile(r"^<(?P<url>https?://[^>\s]+)>$")
TRANSCRIPT_LINE = re.compile(r"^>[ ]?(.*)$")
REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


def _names(*names: str) -> frozenset[str]:
    return frozenset(names)


MATERIALS_HEADINGS = _names(
    "materials",
    "materials needed",
    "what you need",
    "you will need",
    "things to prepare",
    "準備物",
    "準備するもの",
    "用意するもの",
)
VARIATIONS_HEADINGS = _names("variations", "variation", "extensions", "バリエーション", "アレンジ")
TIPS_HEADINGS = _names(
    "tips",
    "jte / alt tips",
    "jte/alt tips",
    "team-teaching tips",
    "team teaching tips",
    "tt tips",
    "指導のポイント",
)
STEPS_HEADINGS = _names(
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


def heading_key(heading: str) -> str:
    return re.sub(r"\s+", " ", heading.strip().rstrip(COLONS).strip()).casefold()


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


@dataclass(frozen=True)
class MediaLink:
    """A file the body points at, as written: resolved to a checked file by the caller."""

    path: str
    kind: str  # "image", "document" or "audio"


class BodyError(ValueError):
    """A body the importer cannot turn into blocks; the message names the problem."""


# (block type, value) with MediaLink-resolved objects in place of files.
BodyBlock = tuple[str, dict[str, Any] | str]
Resolver = Callable[[MediaLink], Any]


@dataclass
class _Section:
    heading: str | None = None
    lines: list[str] = field(default_factory=list)


def _split_sections(text: str) -> list[_Section]:
    sections = [_Section()]
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
            sections.append(_Section(heading=heading.group(2).strip()))
        elif previous_blank and THEMATIC_BREAK.match(line):
            sections.append(_Section())
        else:
            sections[-1].lines.append(line)
        previous_blank = not line.strip()
    return sections


def _as_list(lines: list[str], join: str = "\n") -> tuple[bool, list[str]] | None:
    """(numbered?, items) when the lines are exactly one list, else None."""
    items: list[list[str]] = []
    ordered: bool | None = None
    for line in lines:
        if not line.strip():
            continue
        numbered = ORDERED_ITEM.match(line)
        bullet = None if numbered else BULLET_ITEM.match(line)
        item = numbered or bullet
        if item and not THEMATIC_BREAK.match(line):
            if ordered is not None and ordered != bool(numbered):
                return None
            ordered = bool(numbered)
            items.append([(item.group(1) or "").strip()])
        elif items and (more := CONTINUATION.match(line)):
            items[-1].append(more.group(1).strip())
        else:
            return None
    texts = [join.join(part for part in item if part) for item in items]
    texts = [text for text in texts if text]
    if not texts or ordered is None:
        return None
    return ordered, texts


def _as_tips(lines: list[str]) -> dict[str, str] | None:
    tips: dict[str, list[str]] = {"jte_tip": [], "alt_tip": []}
    current: list[str] | None = None
    for line in lines:
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


def _local_path(path: str) -> str | None:
    """The path of a file shipped with the import, or None for a web or site link."""
    return None if REMOTE.match(path) or path.startswith("/") else unquote(path)


def _media_block(chunk: list[str], kind_of: Callable[[str], str | None]) -> BodyBlock | None:
    """The block for a paragraph that is only a picture, file, audio or video line."""
    first = chunk[0].strip()
    rest = chunk[1:]
    if (embed := EMBED_LINE.match(first)) and not rest:
        return ("embed", embed.group("url"))
    if (image := IMAGE_LINE.match(first)) and not rest:
        path = _local_path(image.group("path"))
        if path is None:
            return None
        return (
            "image",
            {
                "image": MediaLink(path, "image"),
                "caption": unescape_markdown(image.group("caption") or ""),
                "alt_text": unescape_markdown(image.group("alt")),
            },
        )
    link = LINK_LINE.match(first)
    if not link or (path := _local_path(link.group("path"))) is None:
        return None
    label = unescape_markdown(link.group("label"))
    kind = kind_of(path)
    if kind is None:
        if "." in path.rsplit("/", 1)[-1]:
            raise BodyError(f"{path}: not a file type Kyozai accepts")
        return None
    if kind == "audio":
        transcript = [TRANSCRIPT_LINE.match(line) for line in rest]
        if not all(transcript):
            return None
        return (
            "audio",
            {
                "audio": MediaLink(path, "audio"),
                "caption": label,
                "transcript": "\n".join(match.group(1) for match in transcript).strip(),
            },
        )
    if rest:
        return None
    if kind == "image":
        raise BodyError(f"{path} is a picture: write it as ![text alternative]({path})")
    return ("document", {"document": MediaLink(path, "document"), "label": label})


def _rich_text_blocks(section: _Section, kind_of: Callable[[str], str | None]) -> list[BodyBlock]:
    blocks: list[BodyBlock] = []
    pending: list[str] = [f"## {section.heading}", ""] if section.heading else []

    def flush():
        html = markdown_to_rich_text("\n".join(pending))
        if html:
            blocks.append(("rich_text", html))
        pending.clear()

    for chunk in _chunks(section.lines):
        media = _media_block(chunk, kind_of)
        if media is None:
            pending.extend([*chunk, ""])
        else:
            flush()
            blocks.append(media)
    flush()
    return blocks


def _section_blocks(section: _Section, kind_of: Callable[[str], str | None]) -> list[BodyBlock]:
    if section.heading:
        key = heading_key(section.heading)
        listed = _as_list(section.lines)
        if key in MATERIALS_HEADINGS and (items := _as_list(section.lines, join=" ")):
            return [("materials_needed", {"items": items[1]})]
        if key in VARIATIONS_HEADINGS and listed:
            return [("variations", {"variations": listed[1]})]
        if key in TIPS_HEADINGS and (tips := _as_tips(section.lines)):
            return [("tips", tips)]
        if listed and (key in STEPS_HEADINGS or listed[0]):
            heading = unescape_markdown(section.heading)
            return [("steps", {"heading": heading, "steps": listed[1]})]
    return _rich_text_blocks(section, kind_of)


def markdown_to_blocks(text: str, kind_of: Callable[[str], str | None]) -> list[BodyBlock]:
    """Blocks for a Markdown body; media values are MediaLink placeholders.

    `kind_of(path)` says whether a linked local file is an "image", "document" or "audio"
    (by its extension), or None when the importer does not accept it.
    """
    text = (text or "").replace("\r\n", "\n").replace("\r", "\n")
    blocks: list[BodyBlock] = []
    for section in _split_sections(text):
        blocks.extend(_section_blocks(section, kind_of))
    return blocks


def media_links(blocks: list[BodyBlock]) -> list[MediaLink]:
    return [
        value
        for _, data in blocks
        if isinstance(data, dict)
        for value in data.values()
        if isinstance(value, MediaLink)
    ]


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
