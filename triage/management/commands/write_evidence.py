"""Measure the self-check on every vignette set and write the figures the evidence page shows.

    python manage.py write_evidence

Run it after any change to the rules or the vignettes; a test fails while the saved figures are out of date,
so the page can never show figures that were typed by hand or measured on other rules.
"""

from __future__ import annotations

import json
from pathlib import Path

from django.conf import settings
from django.core.management.base import BaseCommand

from triage.evidence import EVIDENCE_FILE, load_sets, report, rules_fingerprint

DEFAULT_VIGNETTES = Path(settings.BASE_DIR) / "tests" / "triage" / "vignettes"


class Command(BaseCommand):
    help = "Measure the self-check on every vignette set and save the figures for the evidence page."

    def add_arguments(self, parser):
        parser.add_argument("--vignettes", type=Path, default=DEFAULT_VIGNETTES, help="folder of vignette sets")
        parser.add_argument("--output", type=Path, default=EVIDENCE_FILE, help="where to write the figures")

    def handle(self, *args, vignettes: Path, output: Path, **options):
        data = {"rules": rules_fingerprint(), **report(load_sets(vignettes))}
        output.write_text(json.dumps(data, indent=1, ensure_ascii=False) + "\n", encoding="utf-8")
        for row in data["sets"]:
            figures = row["figures"]
            self.stdout.write(
                f"{row['file']}: {figures['total']} vignettes, "
                f"{figures['emergencies_caught']}/{figures['emergencies']} emergencies caught, "
                f"{figures['under_triaged']} under-triaged"
            )
        self.stdout.write(self.style.SUCCESS(f"Wrote {output}"))
