"""Importing a JSONL file: check every line, then write all the good ones in one go.

Nothing is written until the whole file has been checked, and the writing happens in one
transaction, so an editor never ends up with half a collection: either the file goes in
(or, with `skip_invalid`, every good line does) or the database is as it was.
"""

from collections.abc import Callable, Iterable
from pathlib import Path

from django.db import transaction

from .entry import ImportEntry
from .files import FileChecker
from .reading import read_lines
from .report import EntryOutcome, ImportRefused, ImportReport, LineError
from .schema import check_record
from .taxonomy import TaxonomyResolver
from .vocabulary import Vocabulary
from .writer import PageWriter, existing_page, planned_result

Progress = Callable[[Iterable[ImportEntry]], Iterable[ImportEntry]]


def _no_progress(entries: Iterable[ImportEntry]) -> Iterable[ImportEntry]:
    return entries


def check_file(path: Path, report: ImportReport) -> list[ImportEntry]:
    """Every valid entry of the file; every problem goes into the report."""
    vocabulary = Vocabulary.load()
    files = FileChecker(path.parent)
    entries: list[ImportEntry] = []
    slug_lines: dict[str, int] = {}
    for line, record, error in read_lines(path):
        if error is not None:
            report.errors.append(error)
            continue
        entry, errors = check_record(record, line, vocabulary, files)
        slug = record.get("slug") if isinstance(record, dict) else None
        if isinstance(slug, str) and slug:
            if slug in slug_lines:
                errors.append(
                    LineError(line, "slug", f"{slug!r} is already used on line {slug_lines[slug]}")
                )
            else:
                slug_lines[slug] = line
        report.errors.extend(errors)
        if entry is not None and not errors:
            entries.append(entry)
    return entries


def import_library(
    path: Path | str,
    *,
    publish: bool = False,
    dry_run: bool = False,
    skip_invalid: bool = False,
    progress: Progress = _no_progress,
) -> ImportReport:
    """Import (or, on a dry run, only check and plan) a library JSONL file.

    Raises ImportRefused, with the report, when a line is bad and `skip_invalid` is off.
    """
    path = Path(path)
    report = ImportReport(dry_run=dry_run, published=publish)
    entries = check_file(path, report)
    if report.errors and not skip_invalid:
        raise ImportRefused(report)
    report.skipped_lines = report.error_lines

    if dry_run:
        taxonomy = TaxonomyResolver(dry_run=True)
        for entry in progress(entries):
            result = planned_result(entry, existing_page(entry), publish)
            for ref in entry.units:
                if taxonomy.is_new_unit(ref):
                    taxonomy.unit(ref)
            report.outcomes.append(EntryOutcome(entry.line, entry.kind, entry.slug, result))
        report.new_series, report.new_units = taxonomy.new_series, taxonomy.new_units
        return report

    with transaction.atomic():
        writer = PageWriter(publish=publish)
        for entry in progress(entries):
            result = writer.write(entry)
            report.outcomes.append(EntryOutcome(entry.line, entry.kind, entry.slug, result))
        report.new_series = writer.taxonomy.new_series
        report.new_units = writer.taxonomy.new_units
    return report
