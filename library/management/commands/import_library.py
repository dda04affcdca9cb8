"""`manage.py import_library FILE.jsonl [--publish] [--dry-run] [--skip-invalid]`."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from library.importing import ImportRefused, ImportReport, MissingSection, import_library


class Command(BaseCommand):
    help = (
        "Import library pages (materials, speech-contest guides, club activities) from a "
        "JSONL file. Every line is checked first; nothing is written if any line is bad "
        "(unless --skip-invalid). Re-importing updates pages by slug, never duplicates."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .jsonl file; files are relative to it.")
        parser.add_argument(
            "--publish",
            action="store_true",
            help="Publish what is imported (default: save new pages and changes as drafts).",
        )
        parser.add_argument(
            "--dry-run",
            action="store_true",
            help="Check the file and report what would be created or updated; write nothing.",
        )
        parser.add_argument(
            "--skip-invalid",
            action="store_true",
            help="Import the good lines even if some lines are bad, and list the skipped ones.",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if not path.is_file():
            raise CommandError(f"{path}: no such file")

        def progress(entries):
            return tqdm(
                entries,
                desc="Importing" if not options["dry_run"] else "Checking",
                unit="page",
                file=sys.stderr,
                disable=None,  # quiet when stderr is not a terminal (cron, CI, tests)
            )

        try:
            report = import_library(
                path,
                publish=options["publish"],
                dry_run=options["dry_run"],
                skip_invalid=options["skip_invalid"],
                progress=progress,
            )
        except ImportRefused as refused:
            for error in refused.report.errors:
                self.stderr.write(str(error))
            raise CommandError(str(refused)) from refused
        except MissingSection as error:
            raise CommandError(f"{error} Nothing was imported.") from error
        except OSError as error:
            raise CommandError(f"{path}: {error}") from error
        self._print(report, verbosity=options["verbosity"])

    def _print(self, report: ImportReport, *, verbosity: int) -> None:
        """The report: refused lines on stderr, each page's outcome (always on a dry run),
        new taxonomy, then the summary."""
        if report.errors:
            for error in report.errors:
                self.stderr.write(str(error))
            lines = ", ".join(str(line) for line in report.skipped_lines)
            self.stderr.write(self.style.WARNING(f"Skipped lines: {lines}"))
        if report.dry_run or verbosity >= 2:
            prefix = "would be " if report.dry_run else ""
            for outcome in report.outcomes:
                self.stdout.write(
                    f"line {outcome.line}: {outcome.kind} {outcome.slug}: {prefix}{outcome.result}"
                )
        self._print_new_taxonomy(report, verbosity)
        state = "" if report.dry_run else (" (published)" if report.published else " (drafts)")
        self.stdout.write(self.style.SUCCESS(report.summary() + state))

    def _print_new_taxonomy(self, report: ImportReport, verbosity: int) -> None:
        verb = "would be created" if report.dry_run else "created"
        if report.new_series:
            self.stdout.write(f"New textbook series ({verb}): {', '.join(report.new_series)}")
        if report.new_units and verbosity >= 1:
            self.stdout.write(f"New textbook units ({verb}): {len(report.new_units)}")
            if verbosity >= 2:
                for unit in report.new_units:
                    self.stdout.write(f"  {unit}")
