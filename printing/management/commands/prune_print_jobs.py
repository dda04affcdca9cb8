"""`manage.py prune_print_jobs [--days N]`: delete print jobs (and their files) nobody asked
for in N days (KYOZAI_PRINT_RESULT_DAYS by default). The print workers also do this hourly;
this is for a cron job or after changing the retention."""

from django.core.management.base import BaseCommand

from printing.jobs import prune


class Command(BaseCommand):
    help = "Delete print jobs and their PDFs that nobody asked for in a number of days."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=None)

    def handle(self, *args, days=None, **options):
        removed = 0
        while batch := prune(days):
            removed += batch
        self.stdout.write(f"Removed {removed} print jobs.")
