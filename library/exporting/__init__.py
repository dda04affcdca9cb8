"""Bulk export of library pages to the import format (`manage.py export_library`).

The output is what `import_library` reads: one JSON object per line, body as Markdown,
files copied under files/<slug>/ next to the JSONL file. Export then import gives the same
pages back (tests/library/test_export.py checks it field by field).
"""

import json
from collections.abc import Callable, Iterable
from dataclasses import dataclass
from pathlib import Path

from library.models import ClubActivityPage, LibraryPage, MaterialPage, SpeechContestGuidePage

from .records import page_record

PAGE_MODELS = {
    model.kind: model for model in (MaterialPage, SpeechContestGuidePage, ClubActivityPage)
}
KINDS = tuple(PAGE_MODELS)


@dataclass
class ExportReport:
    pages: int = 0
    files: int = 0
    by_kind: dict[str, int] | None = None


def pages_to_export(kinds: Iterable[str] = KINDS, *, include_drafts: bool = False):
    """Pages in a stable order (type, then place in the tree).

    Without drafts: live pages as published. With drafts: every page as its latest
    revision stands, which is what an editor sees in the admin.
    """
    for kind in kinds:
        pages = PAGE_MODELS[kind].objects.order_by("path")
        if not include_drafts:
            pages = pages.live()
        for page in pages:
            yield page.get_latest_revision_as_object() if include_drafts else page


def export_library(
    path: Path | str,
    *,
    kinds: Iterable[str] = KINDS,
    include_drafts: bool = False,
    progress: Callable[[Iterable[LibraryPage]], Iterable[LibraryPage]] = lambda pages: pages,
) -> ExportReport:
    path = Path(path)
    path.parent.mkdir(parents=True, exist_ok=True)
    report = ExportReport(by_kind=dict.fromkeys(kinds, 0))
    pages = list(pages_to_export(kinds, include_drafts=include_drafts))
    with path.open("w", encoding="utf-8", newline="\n") as out:
        for page in progress(pages):
            record, copied = page_record(page, path.parent)
            out.write(json.dumps(record, ensure_ascii=False) + "\n")
            report.pages += 1
            report.files += copied
            report.by_kind[page.kind] += 1
    return report


__all__ = ["KINDS", "ExportReport", "export_library", "pages_to_export"]
