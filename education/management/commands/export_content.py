from pathlib import Path

from django.core.management.base import BaseCommand

from education.backup import export_site


class Command(BaseCommand):
    help = "Write every article (with drafts and draft revisions) and clinic to Markdown files and a JSON manifest."

    def add_arguments(self, parser):
        parser.add_argument("directory", type=Path, help="Where to write the backup (created if missing).")

    def handle(self, *args, directory, **options):
        manifest = export_site(directory)
        self.stdout.write(
            f"Exported {len(manifest['articles'])} articles and {len(manifest['clinics'])} clinics to {directory}."
        )
