"""Compile every gettext catalogue (.po) in the project into the .mo file Django reads.

Django's own compilemessages needs GNU gettext's msgfmt, which a fresh machine may not have; polib does the same
in Python, so `make run` needs nothing beyond the requirements.
"""

from pathlib import Path

import polib
from django.conf import settings
from django.core.management.base import BaseCommand, CommandError


class Command(BaseCommand):
    help = "Compile the .po translation catalogues into .mo files."

    def handle(self, *args, **options):
        catalogues = [
            path
            for path in sorted(Path(settings.BASE_DIR).glob("**/locale/*/LC_MESSAGES/*.po"))
            if ".venv" not in path.parts and "node_modules" not in path.parts
        ]
        for path in catalogues:
            try:
                catalogue = polib.pofile(str(path))
            except (OSError, ValueError) as error:
                raise CommandError(f"{path}: {error}") from error
            catalogue.save_as_mofile(str(path.with_suffix(".mo")))
        if options["verbosity"] > 1:
            self.stdout.write(f"Compiled {len(catalogues)} catalogues.")
