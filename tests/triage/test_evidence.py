"""The public evidence page shows figures measured by the program on the current rules, held-out sets apart."""

from __future__ import annotations

import io
import json
from pathlib import Path

from django.core.management import call_command
from django.urls import reverse

from triage.evidence import EVIDENCE_FILE, load_sets, report, rules_fingerprint

VIGNETTE_DIR = Path(__file__).with_name("vignettes")


def test_saved_figures_are_those_of_the_current_rules_and_vignettes() -> None:
    # Fails after any change to the rules or the vignettes until `manage.py write_evidence` is run again.
    saved = json.loads(EVIDENCE_FILE.read_text(encoding="utf-8"))
    assert saved == {"rules": rules_fingerprint(), **report(load_sets(VIGNETTE_DIR))}


def test_the_command_writes_the_figures(tmp_path: Path) -> None:
    output = tmp_path / "evidence.json"
    call_command("write_evidence", "--vignettes", str(VIGNETTE_DIR), "--output", str(output), stdout=io.StringIO())
    written = json.loads(output.read_text(encoding="utf-8"))
    assert [row["file"] for row in written["sets"]] == [s.file for s in load_sets(VIGNETTE_DIR)]
    assert written["rules"]["sha256"] == rules_fingerprint()["sha256"]


def test_the_page_shows_each_held_out_set_apart_beside_published_figures(client) -> None:
    response = client.get(reverse("triage:evidence"))
    assert response.status_code == 200
    page = response.content.decode()
    held_out, tuned = page.split("Stories used to write the rules", 1)
    saved = json.loads(EVIDENCE_FILE.read_text(encoding="utf-8"))
    for row in saved["sets"]:
        figures = row["figures"]
        emergencies = f"<dd>{figures['emergencies_caught']} of {figures['emergencies']}</dd>"
        assert emergencies in (held_out if row["kind"] == "held_out" else tuned), row["file"]
        assert row["title"] in page
    assert "Semigran" in page and "34 times in 100" in page and "80 times in 100" in page
    assert "What these numbers cannot show" in page
