"""`manage.py backup [FOLDER]` (`make backup`): the database and media/ into a new folder."""

from pathlib import Path

from django.core.management.base import BaseCommand

from config.maintenance.backups import backup, default_folder


class Command(BaseCommand):
    help = "Copy the database and the uploaded files into a new folder."

    def add_arguments(self, parser):
        parser.add_argument(
            "target", nargs="?", help="folder to create (default: backups/kyozai-<time>)"
        )

    def handle(self, *args, target=None, **options):
        folder = backup(Path(target) if target else default_folder())
        self.stdout.write(self.style.SUCCESS(f"Backup written to {folder}"))
