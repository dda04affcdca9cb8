"""`manage.py restore FOLDER` (`make restore BACKUP=…`): put a backup's database and media
back. Stop the server first: the live database and media/ are replaced."""

from pathlib import Path

from django.core.management.base import BaseCommand

from config.maintenance.backups import restore


class Command(BaseCommand):
    help = "Restore a backup made by `manage.py backup` (replaces the database and media)."

    def add_arguments(self, parser):
        parser.add_argument("source", help="a folder made by `manage.py backup`")

    def handle(self, *args, source, **options):
        restore(Path(source))
        self.stdout.write(self.style.SUCCESS(f"Restored the database and media from {source}"))
