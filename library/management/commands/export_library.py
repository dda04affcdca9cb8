"""`manage.py export_library FILE.jsonl [--type KIND …] [--include-drafts]`."""

import sys
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError
from tqdm import tqdm

from library.exporting import KINDS, export_library


class Command(BaseCommand):
    help = (
        "Export library pages to a JSONL file in the import format; files are copied to "
        "files/<slug>/ next to it. Only published pages unless --include-drafts."
    )

    def add_arguments(self, parser):
        parser.add_argument("file", type=Path, help="The .jsonl file to write.")
        parser.add_argument(
            "--type",
            dest="kinds",
            action="append",
            choices=KINDS,
            help="Only this type of page (repeat for several). Default: all three.",
        )
        parser.add_argument(
            "--include-drafts",
            action="store_true",
            help="Also export unpublished pages, and each page as its latest draft stands.",
        )

    def handle(self, *args, **options):
        path: Path = options["file"]
        if path.is_dir():
            raise CommandError(f"{path} is a folder; give the name of the .jsonl file to write")

        def progress(pages):
            return tqdm(pages, desc="Exporting", unit="page", file=sys.stderr, disable=None)

        try:
            report = export_library(
                path,
                kinds=options["kinds"] or KINDS,
                include_drafts=options["include_drafts"],
                progress=progress,
            )
        except OSError as error:
            raise CommandError(f"{path}: {error}") from error
        kinds = ", ".join(f"{count} {kind}" for kind, count in report.by_kind.items())
        self.stdout.write(
            self.style.SUCCESS(
                f"Exported {report.pages} pages ({kinds}) and {report.files} files to {path}"
            )
        )
