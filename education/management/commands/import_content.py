from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from education.backup import BackupError, import_site


class Command(BaseCommand):
    help = "Restore articles and clinics from a directory written by export_content."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="A directory written by export_content.")

    def handle(self, *args, directory, **options):
        try:
            counts = import_site(directory)
        except BackupError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(f"Restored {counts['articles']} articles and {counts['clinics']} clinics from {directory}.")
