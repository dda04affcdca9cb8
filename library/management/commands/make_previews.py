"""`manage.py make_previews [--force]`: (re)build the preview pictures of library files.

Previews are normally made when an attachment is saved; this catches up after an import
with signals off, a restore of the database without the media folder, or a change to how
previews are drawn (--force renders every one again).
"""

from collections import Counter

from django.core.management.base import BaseCommand

from library.models import LibraryAttachment
from library.previews import make_preview


class Command(BaseCommand):
    help = "Make the missing or out-of-date preview pictures of library files (PDFs, images)."

    def add_arguments(self, parser):
        parser.add_argument(
            "--force", action="store_true", help="Render every preview again, even if present."
        )

    def handle(self, *args, force: bool = False, verbosity: int = 1, **options):
        attachments = LibraryAttachment.objects.select_related("document", "image").order_by("pk")
        outcomes: Counter[str] = Counter()
        for attachment in attachments.iterator(chunk_size=200):
            outcome = make_preview(attachment, force=force)
            outcomes[outcome] += 1
            if outcome == "failed" and verbosity:
                self.stderr.write(f"  no preview for file {attachment.pk}: {attachment}")
        self.stdout.write(
            self.style.SUCCESS(
                f"Previews: {outcomes['made']} made, {outcomes['reused']} reused, "
                f"{outcomes['unchanged']} already up to date, "
                f"{outcomes['none']} files without previews (Office, audio), "
                f"{outcomes['failed']} unreadable."
            )
        )
