"""The rich-text block's HTML ↔ the import dialect's Markdown, both ways, sanitised.

The block offers bold, italic, links and lists (library/blocks/text.py); imported text may
also carry paragraph headings. Everything else in an imported file is text, not markup: raw
HTML in the Markdown is escaped before it is parsed, and the HTML that comes out is rebuilt
tag by tag from an allow list, so no `<script>`, event attribute or `javascript:` link can
reach a teacher's browser.

The output is canonical (one spelling per construct, no whitespace between blocks), so two
imports of the same Markdown give identical HTML and re-imports can tell "unchanged". The
way out escapes every character Markdown would read as markup, so export → import gives the
same HTML back. Both directions live together because each is only right if the other is.
"""

import re
from html import escape
from html.parser import HTMLParser

import markdown
from wagtail.rich_text import expand_db_html

from .writing import escape_line_start, escape_text, link_target

# Tags kept, under the name Wagtail stores them by.
RENAMED = {"strong": "b", "em": "i", "h1": "h2", "h5": "h4", "h6": "h4", "pre": "p"}
BLOCK_TAGS = {"p", "h2", "h3", "h4", "ol", "ul", "li"}
INLINE_TAGS = {"b", "i", "a"}
VOID_TAGS = {"br"}
# Markup whose content is not text a teacher wrote: dropped whole.
DROPPED_WITH_CONTENT = {
    "script",
    "style",
    "template",
    "iframe",
    "object",
    "embed",
    "noscript",
    "svg",
    "math",
}
SAFE_URL = re.compile(r"^(https?://|mailto:|tel:|/(?!/)|#)", re.IGNORECASE)
_SPACE_AROUND_BLOCKS = re.compile(
    r"\s*(</?(?:p|h2|h3|h4|ol|ul|li)>)\s*",
)
_SPACE_AFTER_BREAK = re.compile(r"<br/>\s+")


def safe_url(url: str) -> str:
    """The link if it is web, mail, phone or on this site; "" for anything that could run."""
    cleaned = "".join(ch for ch in url.strip() if ch >= " " and ch != "\x7f")
    return cleaned if SAFE_URL.match(cleaned) else ""


class _Sanitiser(HTMLParser):
    def __init__(self):
        super().__init__(convert_charrefs=True)
        self.out: list[str] = []
        self.open: list[str | None] = []  # kept tag, or None for a tag we unwrapped
        self.dropping = 0
        self.in_pre = 0
        self.paragraphs_in_item: list[int] = []

    # -- helpers ------------------------------------------------------------------------
    def _inside(self, tag: str) -> bool:
        return tag in self.open

    def handle_starttag(self, tag, attrs):
        if self._dropped(tag):
            return
        if tag == "br":
            self.out.append("<br/>")
        elif tag == "img":
            self._image(dict(attrs))
        else:
            self._open(tag, attrs)

    def _dropped(self, tag: str) -> bool:
        """Whether the tag is inside (or starts) markup dropped with its content."""
        if tag in DROPPED_WITH_CONTENT:
            self.dropping += 1
        return self.dropping > 0

    def _open(self, tag: str, attrs) -> None:
        if tag == "pre":
            self.in_pre += 1
        name = RENAMED.get(tag, tag)
        if name == "p" and self.open and self.open[-1] == "li":
            self._paragraph_in_item()
        elif name == "a":
            self._link(dict(attrs).get("href") or "")
        elif name in BLOCK_TAGS or name in INLINE_TAGS:
            if name == "li":
                self.paragraphs_in_item.append(0)
            self.out.append(f"<{name}>")
            self.open.append(name)
        else:
            self.open.append(None)  # unknown: keep its text, lose the tag

    def _paragraph_in_item(self) -> None:
        """Loose list items wrap their text in <p>; Wagtail lists hold the text directly."""
        if self.paragraphs_in_item and self.paragraphs_in_item[-1] > 0:
            self.out.append("<br/>")
        if self.paragraphs_in_item:
            self.paragraphs_in_item[-1] += 1
        self.open.append(None)

    def _link(self, href: str) -> None:
        href = safe_url(href)
        if not href or self._inside("a"):
            self.open.append(None)
            return
        self.out.append(f'<a href="{escape(href, quote=True)}">')
        self.open.append("a")

    def handle_startendtag(self, tag, attrs):
        self.handle_starttag(tag, attrs)
        if tag not in VOID_TAGS and tag != "img" and not self.dropping:
            self.handle_endtag(tag)

    def handle_endtag(self, tag):
        if self.dropping:
            if tag in DROPPED_WITH_CONTENT:
                self.dropping -= 1
            return
        if tag in VOID_TAGS or tag == "img":
            return
        if tag == "pre" and self.in_pre:
            self.in_pre -= 1
        if not self.open:
            return
        kept = self.open.pop()
        if kept is not None:
            if kept == "li" and self.paragraphs_in_item:
                self.paragraphs_in_item.pop()
            self.out.append(f"</{kept}>")

    def handle_data(self, data):
        if self.dropping:
            return
        if self.in_pre:
            lines = data.strip("\n").split("\n")
            self.out.append("<br/>".join(escape(line, quote=False) for line in lines))
            return
        self.out.append(escape(data, quote=False))

    def _image(self, attrs: dict):
        """A picture inside prose has no place in the rich-text block: keep its words,
        and a link to it when it lives on the web."""
        alt = attrs.get("alt") or ""
        src = safe_url(attrs.get("src") or "")
        if src and not self._inside("a"):
            text = escape(alt or src, quote=False)
            self.out.append(f'<a href="{escape(src, quote=True)}">{text}</a>')
        elif alt:
            self.out.append(escape(alt, quote=False))

    def result(self) -> str:
        while self.open:
            kept = self.open.pop()
            if kept is not None:
                self.out.append(f"</{kept}>")
        html = "".join(self.out)
        html = _SPACE_AROUND_BLOCKS.sub(r"\1", html)
        html = _SPACE_AFTER_BREAK.sub("<br/>", html)
        html = html.replace("\n", " ")
        return re.sub(r"<(p|h2|h3|h4|b|i|li)></\1>", "", html)


def sanitise_html(html: str) -> str:
    """Keep only the tags and links the rich-text block allows, in canonical form."""
    parser = _Sanitiser()
    parser.feed(html)
    parser.close()
    return parser.result()


def _markdown_without_html() -> markdown.Markdown:
    converter = markdown.Markdown(output_format="html")
    # Raw HTML is text in an imported file: escaped, shown as typed, never run.
    converter.preprocessors.deregister("html_block")
    converter.inlinePatterns.deregister("html")
    return converter


def markdown_to_rich_text(text: str) -> str:
    """Markdown prose → sanitised rich-text HTML ("" when nothing is left)."""
    if not text.strip():
        return ""
    return sanitise_html(_markdown_without_html().convert(text))


# -- rich text → Markdown (the exporter's way) ---------------------------------------------
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


_INLINE_MARKS = {"b": "**", "i": "*"}


def _inline(node: _Node) -> str:
    parts: list[str] = []
    for child in node.children:
        if isinstance(child, str):
            parts.append(escape_text(child))
        elif child.tag == "br":
            parts.append("  \n")
        elif child.tag in _INLINE_MARKS:
            mark = _INLINE_MARKS[child.tag]
            parts.append(f"{mark}{_inline(child)}{mark}")
        elif child.tag == "a":
            parts.append(f"[{_inline(child)}]({link_target(child.href)})")
        elif child.tag not in ("ul", "ol"):
            parts.append(_inline(child))
    return "".join(parts)


def _lines(text: str, indent: str = "") -> list[str]:
    return [indent + escape_line_start(line) for line in text.split("\n")]


def _list(node: _Node, depth: int = 0) -> list[str]:
    lines: list[str] = []
    indent = "    " * depth
    items = (child for child in node.children if isinstance(child, _Node) and child.tag == "li")
    for number, item in enumerate(items, start=1):
        marker = f"{number}. " if node.tag == "ol" else "- "
        first, *more = _inline(item).split("\n")
        lines.append(f"{indent}{marker}{escape_line_start(first)}")
        lines.extend(f"{indent}    {escape_line_start(line)}" for line in more)
        for child in item.children:
            if isinstance(child, _Node) and child.tag in ("ul", "ol"):
                lines.extend(_list(child, depth + 1))
    return lines


def _paragraph(node: _Node | str) -> str | None:
    """One top-level piece as Markdown; None for the whitespace between pieces."""
    if isinstance(node, str):
        return "\n".join(_lines(escape_text(node))) if node.strip() else None
    if node.tag in ("h2", "h3", "h4"):
        text = _inline(node).replace("  \n", " ")
        if text.endswith("#"):  # a closing "#" would be read as decoration and dropped
            text = text[:-1] + "\\#"
        return f"{'#' * int(node.tag[1])} {text}"
    if node.tag in ("ul", "ol"):
        return "\n".join(_list(node))
    return "\n".join(_lines(_inline(node)))


def rich_text_to_markdown(html: str) -> str:
    """Stored rich text (database link format included) → Markdown the importer reads back
    as the same HTML."""
    builder = _TreeBuilder()
    builder.feed(sanitise_html(expand_db_html(html)))
    builder.close()
    paragraphs = (_paragraph(node) for node in builder.root.children)
    return "\n\n".join(paragraph for paragraph in paragraphs if paragraph is not None)
