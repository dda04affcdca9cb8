"""Writing the import dialect so that importing it gives the same words back.

Anything a teacher typed that Python-Markdown would take for markup (`*`, `_`, a leading
`1.` or `#`) is escaped, continuation lines are indented deeper than any list marker, and
link targets are percent-encoded only where Markdown would otherwise cut them short.
"""

import re
from collections.abc import Callable
from urllib.parse import quote

# A document or image → its path in the export (the exporter copies it there).
FileLink = Callable[[object], str]

# Characters Python-Markdown would read as markup anywhere in a line.
_INLINE_SPECIAL = re.compile(r"([\\`*_\[\]])")
_ENTITY_LIKE = re.compile(r"&(?=#?[0-9A-Za-z]+;)")
# …and at the start of a line.
_LINE_START_SPECIAL = re.compile(r"^(\s*)([#>+\-]|\d+(?=[.)]))")


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


def link_target(url: str) -> str:
    """A link target Python-Markdown reads back unchanged: balanced parentheses are fine
    as they are (Wikipedia links have them); spaces and stray ones are percent-encoded."""
    safe = "/:?#[]@!$&'*+,;=%~-._"
    if url.count("(") == url.count(")"):
        safe += "()"
    return quote(url, safe=safe)


def plain_heading(text: str) -> str:
    """A section heading the importer reads back as exactly `text`."""
    text = " ".join(text.split())
    text = text.replace("\\", "\\\\")
    if text.endswith("#"):
        text = text[:-1] + "\\#"
    return text


def _first_and_indented(first_prefix: str, text: str) -> list[str]:
    first, *more = [line.strip() for line in text.strip().split("\n")]
    # Four spaces: deeper than any list marker may be indented, so never read as one.
    return [f"{first_prefix}{first}", *(f"    {line}" for line in more if line)]


def plain_item(marker: str, text: str) -> list[str]:
    """A list item whose text the importer keeps as typed (continuations indented)."""
    return _first_and_indented(marker, text)


def labelled_lines(label: str, text: str) -> list[str]:
    """`Label: text`, continuations indented (how a JTE or ALT tip is written)."""
    return _first_and_indented(f"{label}: ", text)


def plain_section(heading: str, items: list[str], numbered: bool = False) -> str:
    """A `## heading` and one list item per entry: how the list blocks are written."""
    lines = [f"## {plain_heading(heading)}", ""]
    for number, item in enumerate(items, start=1):
        lines.extend(plain_item(f"{number}. " if numbered else "- ", str(item)))
    return "\n".join(lines)


def media_label(text: str) -> str:
    """The text of a `[label](path)` or `![alt](path)`, with `]` and `\\` escaped."""
    return re.sub(r"([\\\]])", r"\\\1", text or "")
