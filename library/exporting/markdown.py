"""A page's body blocks → the Markdown the importer reads (library/importing/markdown_blocks.py).

Written so that importing the result gives the same blocks back: each block becomes the
section the importer maps to that block, a `---` line keeps a heading-less text block from
running into the block before it, rich text is escaped so that its words are never read
as Markdown, and files are written as links to the copies the exporter puts next to the
JSONL file.
"""

import re
from collections.abc import Callable
from html.parser import HTMLParser
from urllib.parse import quote

from wagtail.rich_text import expand_db_html

from library.importing.rich_text import sanitise_html

# Characters Python-Markdown would read as markup anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# …and at the start of a line.
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+\-]|\d+(?=[.)]))")

FileLink = Callable[[object], str]  # a document or image → its path in the export


def escape_text(text: str) -> str:
    text = _INLINE_SPECIAL.sub(r"\\\1", text)
    text = _ENTITY_LIKE.sub("&amp;", text)
    return text.replace("<", "&lt;")


def escape_line_start(line: str) -> str:
    match = _LINE_START_SPECIAL.match(line)
    if not match:
        return line
    lead, special = match.groups()
    if special.isdigit():
        return f"{lead}{special}\\{line[match.end() :]}"
    return f"{lead}\\{special}{line[match.end() :]}"


def _link_target(url: str) -> str:
    """A link target Python-Markdown reads back unchanged: balanced parentheses are fine
    as they are (Wikipedia links have them); spaces and stray ones are percent-encoded."""
    safe = "/:?#[]@!$&'*+,;=%~-._"
    if url.count("(") == url.count(")"):
        safe += "()"
    return quote(url, safe=safe)


class _Node:
    def __init__(self, tag: str, href: str = ""):
        self.tag = tag
        self.href = href
        self.children: list[_Node | str] = []


class _TreeBuilder(HTMLParser):
    """Sanitised rich text (a handful of tags, always closed) → a small tree."""

    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.root = _Node("root")
        self.stack = [self.root]

    def handle_starttag(self, tag, attrs):
        node = _Node(tag, dict(attrs).get("href") or "")
        self.stack[-1].children.append(node)
        if tag != "br":
            self.stack.append(node)

    def handle_startendtag(self, tag, attrs):
        self.stack[-1].children.append(_Node(tag))

    def handle_endtag(self, tag):
        if tag != "br" and len(self.stack) > 1:
            self.stack.pop()

    def handle_data(self, data):
        self.stack[-1].children.append(data)


def _inline(node: _Node) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(escape_text(child))
        elif child.tag == "br":
            parts.append("  \n")
        elif child.tag == "b":
            parts.append(f"**{_inline(child)}**")
        elif child.tag == "i":
            parts.append(f"*{_inline(child)}*")
        elif child.tag == "a":
            parts.append(f"[{_inline(child)}]({_link_target(child.href)})")
        elif child.tag not in ("ul", "ol"):
            parts.append(_inline(child))
    return "".join(parts)


def _lines(text: str, indent: str = "") -> list[str]:
    return [indent + escape_line_start(line) for line in text.split("\n")]


def _list(node: _Node, depth: int = 0) -> list[str]:
    lines: list[str] = []
    indent = "    " * depth
    for number, item in enumerate(
        (child for child in node.children if isinstance(child, _Node) and child.tag == "li"),
        start=1,
    ):
        marker = f"{number}. " if node.tag == "ol" else "- "
        text_lines = _inline(item).split("\n")
        first, *more = text_lines
        lines.append(f"{indent}{marker}{escape_line_start(first)}")
        lines.extend(f"{indent}    {escape_line_start(line)}" for line in more)
        for child in item.children:
            if isinstance(child, _Node) and child.tag in ("ul", "ol"):
                lines.extend(_list(child, depth + 1))
    return lines


def rich_text_to_markdown(html: str) -> str:
    builder = _TreeBuilder()
    builder.feed(sanitise_html(expand_db_html(html)))
    builder.close()
    paragraphs: list[str] = []
    for node in builder.root.children:
        if isinstance(node, str):
            if node.strip():
                paragraphs.append("\n".join(_lines(escape_text(node))))
        elif node.tag in ("h2", "h3", "h4"):
            level = "#" * int(node.tag[1])
            text = _inline(node).replace("  \n", " ")
            if text.endswith("#"):  # a closing "#" would be read as decoration and dropped
                text = text[:-1] + "\\#"
            paragraphs.append(f"{level} {text}")
        elif node.tag in ("ul", "ol"):
            paragraphs.append("\n".join(_list(node)))
        else:
            paragraphs.append("\n".join(_lines(_inline(node))))
    return "\n\n".join(paragraphs)


def _plain_heading(text: str) -> str:
    """A section heading the importer reads back as exactly `text`."""
    text = " ".join(text.split())
    text = text.replace("\\", "\\\\")
    if text.endswith("#"):
        text = text[:-1] + "\\#"
    return text


def _plain_item(marker: str, text: str) -> list[str]:
    """A list item whose text the importer keeps as typed (continuations indented)."""
    first, *more = [line.strip() for line in text.strip().split("\n")]
    # Four spaces: deeper than any list marker may be indented, so never read as one.
    return [f"{marker}{first}", *(f"    {line}" for line in more if line)]


def _tip_lines(label: str, text: str) -> list[str]:
    first, *more = [line.strip() for line in text.strip().split("\n")]
    return [f"{label}: {first}", *(f"    {line}" for line in more if line)]


def _media_label(text: str) -> str:
    return re.sub(r"([\\\]])", r"\\\1", text or "")


MEDIA_FIELDS = {"image": "image", "document": "document", "audio": "audio"}


def block_markdown(block_type: str, value, file_link: FileLink) -> str:
    """One block as the importer's Markdown ("" for a block that cannot be exported, such
    as a picture whose image was deleted from the library)."""
    media_field = MEDIA_FIELDS.get(block_type)
    if media_field and value.get(media_field) is None:
        return ""
    if block_type == "steps":
        heading = value.get("heading") or "Steps"
        lines = [f"## {_plain_heading(heading)}", ""]
        for number, step in enumerate(value["steps"], start=1):
            lines.extend(_plain_item(f"{number}. ", str(step)))
        return "\n".join(lines)
    if block_type == "materials_needed":
        items = [line for item in value["items"] for line in _plain_item("- ", str(item))]
        return "\n".join(["## Materials", "", *items])
    if block_type == "variations":
        items = [line for item in value["variations"] for line in _plain_item("- ", str(item))]
        return "\n".join(["## Variations", "", *items])
    if block_type == "tips":
        lines = ["## Tips", ""]
        if (value.get("jte_tip") or "").strip():
            lines.extend(_tip_lines("JTE", value["jte_tip"]))
        if (value.get("alt_tip") or "").strip():
            lines.extend(_tip_lines("ALT", value["alt_tip"]))
        return "\n".join(lines)
    if block_type == "rich_text":
        return rich_text_to_markdown(value.source)
    if block_type == "image":
        caption = (value.get("caption") or "").replace("\\", "\\\\").replace('"', '\\"')
        title = f' "{caption}"' if caption else ""
        path = _link_target(file_link(value["image"]))
        return f"![{_media_label(value.get('alt_text'))}]({path}{title})"
    if block_type == "document":
        path = _link_target(file_link(value["document"]))
        return f"[{_media_label(value.get('label'))}]({path})"
    if block_type == "audio":
        path = _link_target(file_link(value["audio"]))
        lines = [f"[{_media_label(value.get('caption'))}]({path})"]
        transcript = (value.get("transcript") or "").strip()
        if transcript:
            lines.extend(f"> {line}".rstrip() for line in transcript.split("\n"))
        return "\n".join(lines)
    if block_type == "embed":
        return f"<{getattr(value, 'url', value)}>"
    return ""


def _starts_new_section(block_type: str, markdown: str) -> bool:
    """Whether the importer will start a new block here without being told to."""
    if block_type in ("steps", "materials_needed", "variations", "tips"):
        return True
    return bool(re.match(r"^#{1,2} ", markdown))


def body_to_markdown(body, file_link: FileLink) -> str:
    """The whole body; `file_link(document_or_image)` says where each file was exported."""
    parts: list[str] = []
    for child in body:
        text = block_markdown(child.block_type, child.value, file_link)
        if not text.strip():
            continue
        if parts and not _starts_new_section(child.block_type, text):
            parts.append("---")
        parts.append(text)
    return "\n\n".join(parts) + ("\n" if parts else "")
