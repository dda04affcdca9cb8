"""One comparable picture of a library page, from an import line or from the database.

A re-import must say "unchanged" (and write nothing) when a line matches the page, and
the round-trip test must compare export → import field by field. Both need the same
normalised view: codes sorted, tags case-folded, files by content hash and link text, and
each body block as its own `import_state` gives it (rich text sanitised, files by hash).
Nothing here writes.
"""

from typing import Any

from library.blocks import file_hash
from library.models import LibraryPage

from .entry import ImportEntry
from .files import CheckedFile, default_title

TYPE_FIELDS = {
    "material": (),
    "speech_contest_guide": ("category", "time_limit_seconds"),
    "club_activity": ("group_size", "season"),
}


def _entry_block_state(value: Any) -> Any:
    """An imported block value as `import_state` shows a stored one: files by content hash."""
    if isinstance(value, dict):
        return {
            key: item.sha1 if isinstance(item, CheckedFile) else item for key, item in value.items()
        }
    return value


def page_state(page: LibraryPage) -> dict[str, Any]:
    """The page as it stands (pass the latest revision's object to see the draft)."""
    state: dict[str, Any] = {"kind": page.kind, "slug": page.slug}
    for name in LibraryPage.PLAIN_FIELDS + TYPE_FIELDS[page.kind]:
        state[name] = getattr(page, name)
    state["body"] = [
        (child.block_type, child.block.import_state(child.value)) for child in page.body
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
    for name in LibraryPage.PLAIN_FIELDS + TYPE_FIELDS[entry.kind]:
        state[name] = entry.fields[name]
    state["body"] = [(kind, _entry_block_state(value)) for kind, value in entry.body]
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
