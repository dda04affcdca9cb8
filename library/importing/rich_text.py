"""Markdown prose → the rich text a library page may hold, and nothing else.

The body's rich-text block offers bold, italic, links and lists (library/blocks.py); imported
text may also carry paragraph headings. Everything else in an imported file is text, not
markup: raw HTML in the Markdown is escaped before it is parsed, and the HTML that comes out
is rebuilt tag by tag from an allow list, so no `<script>`, event attribute or
`javascript:` link can reach a teacher's browser.

The output is canonical (one spelling per construct, no whitespace between blocks), so two
imports of the same Markdown give identical HTML and re-imports can tell "unchanged".
"""

import re
from html import escape
from html.parser import HTMLParser

import markdown

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
        if self.dropping:
            if tag in DROPPED_WITH_CONTENT:
                self.dropping += 1
            return
        if tag in DROPPED_WITH_CONTENT:
            self.dropping = 1
            return
        if tag == "br":
            self.out.append("<br/>")
            return
        if tag == "img":
            self._image(dict(attrs))
            return
        if tag == "pre":
            self.in_pre += 1
        name = RENAMED.get(tag, tag)
        if name == "p" and self.open and self.open[-1] == "li":
            # Loose list items wrap their text in <p>; Wagtail lists hold the text directly.
            if self.paragraphs_in_item and self.paragraphs_in_item[-1] > 0:
                self.out.append("<br/>")
            if self.paragraphs_in_item:
                self.paragraphs_in_item[-1] += 1
            self.open.append(None)
            return
        if name == "a":
            href = safe_url(dict(attrs).get("href") or "")
            if not href or self._inside("a"):
                self.open.append(None)
                return
            self.out.append(f'<a href="{escape(href, quote=True)}">')
            self.open.append("a")
            return
        if name in BLOCK_TAGS or name in INLINE_TAGS:
            if name == "li":
                self.paragraphs_in_item.append(0)
            self.out.append(f"<{name}>")
            self.open.append(name)
            return
        self.open.append(None)  # unknown: keep its text, lose the tag

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
