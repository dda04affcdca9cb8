"""Reading the import dialect: the pieces every block's reader shares.

A block decides whether a section or a paragraph is its own (library/blocks/); what a list,
an indented continuation or a link to a file shipped with the import looks like is the
same for all of them, so it is said once here.
"""

import re
from dataclasses import dataclass, field
from urllib.parse import unquote

THEMATIC_BREAK = re.compile(r"^ {0,3}([-*_])(?:[ \t]*\1){2,}[ \t]*$")
ORDERED_ITEM = re.compile(r"^ {0,3}\d{1,9}[.)](?:[ \t]+(.*))?$")
BULLET_ITEM = re.compile(r"^ {0,3}[-*+](?:[ \t]+(.*))?$")
CONTINUATION = re.compile(r"^(?: {2,}|\t)(.*)$")
# A half-width or a full-width (Japanese keyboard) colon after a label.
COLONS = ":\uff1a"
ESCAPED = r"(?:[^\]\\]|\\.)*"  # the text inside [...], with \] and \\ escaped
LINK_LINE = re.compile(rf"^\[(?P<label>{ESCAPED})\]\((?P<path>[^)\s]+)\)$")
REMOTE = re.compile(r"^([a-z][a-z0-9+.-]*:|//|#)", re.IGNORECASE)


class BodyError(ValueError):
    """A body the importer cannot turn into blocks; the message names the problem."""


@dataclass(frozen=True)
class MediaLink:
    """A file the body points at, as written: resolved to a checked file by the importer."""

    path: str
    kind: str  # "image", "document" or "audio", as library/uploads.py sorts files


@dataclass(frozen=True)
class FileLink:
    """A paragraph that starts with `[label](path)` to a file shipped with the import."""

    label: str
    path: str
    kind: str | None  # what the upload check would take the file for; None: not accepted
    rest: list[str]  # the paragraph's other lines

    @property
    def has_extension(self) -> bool:
        return "." in self.path.rsplit("/", 1)[-1]


@dataclass
class Section:
    """A stretch of the body between `#`/`##` headings or `---` lines."""

    heading: str | None = None
    lines: list[str] = field(default_factory=list)

    @property
    def key(self) -> str:
        return heading_key(self.heading) if self.heading else ""


def heading_key(heading: str) -> str:
    """A heading as blocks compare it: spacing, case and a trailing colon ignored."""
    return re.sub(r"\s+", " ", heading.strip().rstrip(COLONS).strip()).casefold()


def names(*headings: str) -> frozenset[str]:
    """Headings a block answers to, in the form `heading_key` gives."""
    return frozenset(heading_key(heading) for heading in headings)


def unescape_markdown(text: str) -> str:
    return re.sub(r"\\(.)", r"\1", text)


def local_path(path: str) -> str | None:
    """The path of a file shipped with the import, or None for a web or site link."""
    return None if REMOTE.match(path) or path.startswith("/") else unquote(path)


def file_link(paragraph: list[str], kind_of) -> FileLink | None:
    """The paragraph's opening `[label](path)` when it points at a local file."""
    link = LINK_LINE.match(paragraph[0].strip())
    if not link or (path := local_path(link.group("path"))) is None:
        return None
    label = unescape_markdown(link.group("label"))
    return FileLink(label, path, kind_of(path), paragraph[1:])


def _list_item(line: str) -> tuple[bool, str] | None:
    """(numbered?, text) when the line starts a list item."""
    numbered = ORDERED_ITEM.match(line)
    item = numbered or BULLET_ITEM.match(line)
    if item is None or THEMATIC_BREAK.match(line):
        return None
    return bool(numbered), (item.group(1) or "").strip()


def as_list(lines: list[str], join: str = "\n") -> tuple[bool, list[str]] | None:
    """(numbered?, items) when the lines are exactly one list, else None.

    An item's indented continuation lines are joined to it with `join`; a list that mixes
    numbers and bullets is two lists, so it is not one.
    """
    items: list[list[str]] = []
    numbering: set[bool] = set()
    for line in lines:
        if not line.strip():
            continue
        if (started := _list_item(line)) is not None:
            numbering.add(started[0])
            items.append([started[1]])
        elif items and (more := CONTINUATION.match(line)):
            items[-1].append(more.group(1).strip())
        else:
            return None
    texts = [join.join(part for part in item if part) for item in items]
    texts = [text for text in texts if text]
    if not texts or len(numbering) != 1:
        return None
    return numbering.pop(), texts
