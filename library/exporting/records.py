"""One library page → one line of the import format, with its files copied alongside.

The line is written in the same field order as the README documents, with every field
present (empty values included), so two exports of the same library diff cleanly.
"""

import re
import shutil
from pathlib import Path, PurePosixPath
from typing import Any

from library.importing.files import default_title
from library.models import LibraryPage

from .markdown import body_to_markdown

FILES_FOLDER = "files"


# Django's storage appends "_" and seven random letters/digits when a name is taken.
_STORAGE_SUFFIX = re.compile(r"_(?=[A-Za-z0-9]{7}$)(?=.*[a-z])(?=.*[A-Z0-9])[A-Za-z0-9]{7}$")


def _safe_name(name: str) -> str:
    """A file name that is fine on every computer an editor might unpack the export on,
    without the random suffix storage added when another upload had the same name."""
    stem, dot, extension = PurePosixPath(name).name.rpartition(".")
    if not dot:
        stem, extension = extension, ""
    stem = _STORAGE_SUFFIX.sub("", stem) or stem
    stem = re.sub(r"[^\w.-]+", "-", stem, flags=re.ASCII).strip("-.") or "file"
    return f"{stem}.{extension.lower()}" if extension else stem


class FileExporter:
    """Copies each document or image of a page to files/<slug>/, once, under a unique name."""

    def __init__(self, out_dir: Path, slug: str):
        self.out_dir = out_dir
        self.folder = PurePosixPath(FILES_FOLDER) / slug
        self._paths: dict[tuple[str, int], str] = {}
        self._names: set[str] = set()
        self.copied = 0

    def __call__(self, item) -> str:
        key = (type(item).__name__, item.pk)
        if key not in self._paths:
            self._paths[key] = self._copy(item)
        return self._paths[key]

    def _unique(self, name: str) -> str:
        stem, dot, extension = name.rpartition(".")
        if not dot:
            stem, extension = name, ""
        candidate, number = name, 2
        while candidate.casefold() in self._names:
            candidate = f"{stem}-{number}" + (f".{extension}" if extension else "")
            number += 1
        self._names.add(candidate.casefold())
        return candidate

    def _copy(self, item) -> str:
        name = self._unique(_safe_name(item.file.name))
        relative = self.folder / name
        target = self.out_dir / relative
        target.parent.mkdir(parents=True, exist_ok=True)
        with item.open_file() as source, target.open("wb") as destination:
            shutil.copyfileobj(source, destination)
        self.copied += 1
        return relative.as_posix()


def _file_entry(path: str, shown_title: str) -> str | dict[str, str]:
    """A bare path when the title is the one the importer would give it anyway."""
    if shown_title == default_title(PurePosixPath(path).name):
        return path
    return {"path": path, "title": shown_title}


def _codes(items) -> list[str]:
    """Taxonomy codes in the order editors gave the taxonomy (grades ES3 … SHS3)."""
    return [item.code for item in sorted(items, key=lambda item: item.sort_order)]


def _unit(unit) -> dict[str, str]:
    return {
        "series": unit.series.name,
        "grade": unit.grade.code,
        "unit": unit.label,
        **({"title": unit.title} if unit.title else {}),
        **({"title_ja": unit.title_ja} if unit.title_ja else {}),
    }


def _unit_order(unit) -> tuple:
    return (unit.series.sort_order, unit.series.name, unit.grade.sort_order, unit.label)


def _kind_fields(page: LibraryPage) -> dict[str, Any]:
    """The fields only one page type has (speech-contest guides, club activities)."""
    if page.kind == "speech_contest_guide":
        rubric = sorted(page.rubric_criteria.all(), key=lambda row: row.sort_order or 0)
        return {
            "category": page.category,
            "time_limit_seconds": page.time_limit_seconds,
            "rubric": [
                {"criterion": row.criterion, "criterion_ja": row.criterion_ja, "points": row.points}
                for row in rubric
            ],
        }
    if page.kind == "club_activity":
        return {"group_size": page.group_size, "season": page.season}
    return {}


def page_record(page: LibraryPage, out_dir: Path) -> tuple[dict[str, Any], int]:
    """(the JSON object for the page, how many files were copied)."""
    files = FileExporter(out_dir, page.slug)
    attachments = sorted(page.attachments.all(), key=lambda item: item.sort_order or 0)
    record: dict[str, Any] = {
        "type": page.kind,
        "slug": page.slug,
        "title": page.title,
        "title_ja": page.title_ja,
        "summary": page.summary,
        "summary_ja": page.summary_ja,
        "body": body_to_markdown(page.body, files),
        "grades": _codes(page.grades.all()),
        "skills": _codes(page.skills.all()),
        "textbook_units": [
            _unit(unit) for unit in sorted(page.textbook_units.all(), key=_unit_order)
        ],
        "activity_types": _codes(page.activity_types.all()),
        "duration_minutes": page.duration_minutes,
        "tags": sorted((tag.name for tag in page.tags.all()), key=str.casefold),
        "license": page.licence,
        "author": page.author_credit,
        "files": [
            _file_entry(files(attachment.document or attachment.image), attachment.shown_title)
            for attachment in attachments
            if attachment.document_id or attachment.image_id
        ],
    }
    return {**record, **_kind_fields(page)}, files.copied
