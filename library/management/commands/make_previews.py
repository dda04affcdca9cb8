"""`manage.py make_previews [--force]`: convert library files into page pictures and text.

Previews are normally made by the background worker ("previews" queue) after an attachment
is saved; this catches up — the files that were there before previews of Office files
existed, an import with signals off, a restore of the database without the media folder,
or a change to how pictures are drawn (--force converts every file again). It does the
conversions itself, in the foreground, with a progress bar, under the same time and memory
limits as the worker (library/previews/sandbox.py).
"""

from collections import Counter

from django.core.management.base import BaseCommand
from tqdm import tqdm

from library.models import LibraryAttachment
from library.previews import make_preview


class Command(BaseCommand):
    help = (
        "Convert library files (PDF, images, Word, PowerPoint, Excel) into page pictures "
        "and searchable text, here and now, with a progress bar."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Convert every file again, even if done."
        )

    def handle(self, *args, force: bool = False, verbosity: int = 1, **options):
        attachments = LibraryAttachment.objects.select_related("document", "image").order_by("pk")
        outcomes: Counter[str] = Counter()
        bar = tqdm(
            total=attachments.count(),
            desc="Previews",
            unit="file",
            file=self.stderr._out,
            disable=verbosity == 0,
        )
        with bar:
            for attachment in attachments.iterator(chunk_size=200):
                outcome = make_preview(attachment, force=force)
                outcomes[outcome] += 1
                if outcome == "failed" and verbosity:
                    bar.write(
                        f"  no preview for file {attachment.pk}: {attachment}",
                        file=self.stderr._out,
                    )
                bar.update()
        self.stdout.write(
            self.style.SUCCESS(
                f"Previews: {outcomes['made']} made, {outcomes['reused']} reused, "
                f"{outcomes['unchanged']} already up to date, "
                f"{outcomes['none']} files without pages (audio), "
                f"{outcomes['failed']} that cannot be converted (shown as 'no preview')."
            )
        )
