"""`manage.py refresh_related`: work out every live page's related materials again.

Lists are normally computed by the background worker when a page is published (and when a
page they name goes); this redoes them all here and now, in the foreground, with a progress
bar — after an import with signals off, a restored database, a change of search backend or
of how lists are ranked (library/related/).
"""

from django.core.management.base import BaseCommand
from tqdm import tqdm

from library.models import LibraryPage
from library.related import refresh_all


class Command(BaseCommand):
    help = "Compute and store the related materials of every live library page, here and now."

    def handle(self, *args, verbosity: int = 1, **options):
        bar = tqdm(
            total=LibraryPage.objects.live().count(),
            desc="Related materials",
            unit="page",
            file=self.stderr._out,
            disable=verbosity == 0,
        )
        with bar:
            count = refresh_all(progress=lambda _done: bar.update())
        self.stdout.write(self.style.SUCCESS(f"Related materials stored for {count} pages."))
