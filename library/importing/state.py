"""One comparable picture of a library page, from an import line or from the database.

A re-import must say "unchanged" (and write nothing) when a line matches the page, and
the round-trip test must compare export → import field by field. Both need the same
normalised view: codes sorted, tags case-folded, rich text sanitised, files by content
hash and link text. Nothing here writes.
"""

from typing import Any

from wagtail.rich_text import expand_db_html

from library.models import LibraryPage

from .entry import ImportEntry
from .files import CheckedFile, default_title
from .rich_text import sanitise_html

TYPE_FIELDS = {
    "material": (),
    "speech_contest_guide": ("category", "time_limit_seconds"),
    "club_activity": ("group_size", "season"),
}
PAGE_FIELDS = (
    "title",
    "title_ja",
    "summary",
    "summary_ja",
    "duration_minutes",
    "licence",
    "author_credit",
)


def file_hash(item) -> str | None:
    """The SHA-1 Wagtail keeps for a document or image, computed (not saved) if missing."""
    if item is None:
        return None
    if item.file_hash:
        return item.file_hash
    from wagtail.utils.file import hash_filelike

    with item.open_file() as handle:
        return hash_filelike(handle)


def _plain_list(values) -> list[str]:
    return [str(value).strip() for value in values]


def block_state(block_type: str, value: Any) -> Any:
    """A stored block value in the shape the importer produces."""
    if block_type == "steps":
        return {"heading": value.get("heading") or "", "steps": _plain_list(value["steps"])}
    if block_type == "materials_needed":
        return {"items": _plain_list(value["items"])}
    if block_type == "variations":
        return {"variations": _plain_list(value["variations"])}
    if block_type == "tips":
        return {
            "jte_tip": (value.get("jte_tip") or "").strip(),
            "alt_tip": (value.get("alt_tip") or "").strip(),
        }
    if block_type == "rich_text":
        return sanitise_html(expand_db_html(value.source))
    if block_type == "image":
        return {
            "image": file_hash(value.get("image")),
            "caption": value.get("caption") or "",
            "alt_text": value.get("alt_text") or "",
        }
    if block_type == "document":
        return {"document": file_hash(value.get("document")), "label": value.get("label") or ""}
    if block_type == "audio":
        return {
            "audio": file_hash(value.get("audio")),
            "caption": value.get("caption") or "",
            "transcript": (value.get("transcript") or "").strip(),
        }
    if block_type == "embed":
        return getattr(value, "url", value) or ""
    return value


def _entry_block_state(block_type: str, value: Any) -> Any:
    if isinstance(value, dict):
        return {
            key: item.sha1 if isinstance(item, CheckedFile) else item for key, item in value.items()
        }
    return value


def page_state(page: LibraryPage) -> dict[str, Any]:
    """The page as it stands (pass the latest revision's object to see the draft)."""
    state: dict[str, Any] = {"kind": page.kind, "slug": page.slug}
    for name in PAGE_FIELDS + TYPE_FIELDS[page.kind]:
        state[name] = getattr(page, name)
    state["body"] = [
        (child.block_type, block_state(child.block_type, child.value)) for child in page.body
    ]
    state["grades"] = sorted(grade.code for grade in page.grades.all())
    state["skills"] = sorted(skill.code for skill in page.skills.all())
    state["activity_types"] = sorted(kind.code for kind in page.activity_types.all())
    state["units"] = sorted(
        (unit.series.name.casefold(), unit.grade.code, unit.label)
        for unit in page.textbook_units.all()
    )
    state["tags"] = sorted(tag.name.casefold() for tag in page.tags.all())
    state["files"] = [
        (file_hash(attachment.document or attachment.image), attachment.shown_title)
        for attachment in sorted(page.attachments.all(), key=lambda item: item.sort_order or 0)
    ]
    if page.kind == "speech_contest_guide":
        state["rubric"] = [
            (row.criterion, row.criterion_ja, row.points)
            for row in sorted(page.rubric_criteria.all(), key=lambda item: item.sort_order or 0)
        ]
    return state


def entry_state(entry: ImportEntry) -> dict[str, Any]:
    """What the page will look like once this line is imported."""
    state: dict[str, Any] = {"kind": entry.kind, "slug": entry.slug}
    for name in PAGE_FIELDS + TYPE_FIELDS[entry.kind]:
        state[name] = entry.fields[name]
    state["body"] = [(kind, _entry_block_state(kind, value)) for kind, value in entry.body]
    state["grades"] = sorted(entry.grades)
    state["skills"] = sorted(entry.skills)
    state["activity_types"] = sorted(entry.activity_types)
    state["units"] = sorted(unit.key for unit in entry.units)
    state["tags"] = sorted(tag.casefold() for tag in entry.tags)
    state["files"] = [(ref.file.sha1, wanted_link_text(ref)) for ref in entry.files]
    if entry.kind == "speech_contest_guide":
        state["rubric"] = [(row.criterion, row.criterion_ja, row.points) for row in entry.rubric]
    return state


def wanted_link_text(ref) -> str:
    return ref.title or default_title(ref.file.name)
