"""Run every clinical vignette through the engine, and hold every vignette set to the product's targets.

Each set is judged on its own (`triage/evidence.py`): a held-out set is never pooled with cases the rules were
tuned on. A failure names the vignette, its file and the reasons the engine gave.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from triage.evidence import TARGETS, Vignette, VignetteSet, load_sets, measure
from triage.vocabulary import CAUSE_KEYS, EMERGENCY, URGENCIES, urgency_rank

VIGNETTE_DIR = Path(__file__).with_name("vignettes")
SETS = load_sets(VIGNETTE_DIR)
VIGNETTES = tuple(vignette for vignette_set in SETS for vignette in vignette_set.vignettes)


@pytest.mark.parametrize("vignette", VIGNETTES, ids=lambda vignette: vignette.id)
def test_vignette_is_not_under_triaged(vignette: Vignette) -> None:
    outcome = vignette.outcome()
    story = f"{vignette.id} in {vignette.file} ({vignette.story})"
    if vignette.lowest_urgency == EMERGENCY:
        assert outcome.urgency == EMERGENCY, f"{story}: an emergency was advised {outcome.urgency!r}."
    assert urgency_rank(outcome.urgency) <= urgency_rank(vignette.lowest_urgency), (
        f"{story}: under-triaged: advised {outcome.urgency!r}, but a clinician accepts only "
        f"{', '.join(vignette.urgencies)}. Reasons given: {'; '.join(outcome.urgency_reasons)}"
    )


@pytest.mark.parametrize("vignette_set", SETS, ids=lambda vignette_set: vignette_set.file)
def test_each_vignette_set_meets_the_targets_on_its_own(
    vignette_set: VignetteSet, report_figures: Callable[[str, list[str]], None]
) -> None:
    figures = measure(vignette_set.vignettes)
    kind = "held out" if vignette_set.held_out else "tuned"
    report_figures(f"{vignette_set.file} ({kind}, judged on {vignette_set.judged_on})", figures.lines())
    assert figures.safe, "\n".join(figures.lines())
    if vignette_set.judged_on == "all":
        assert figures.meets(TARGETS), "\n".join(figures.lines())


def test_every_vignette_file_is_described_and_ids_are_unique_across_files() -> None:
    ids = [vignette.id for vignette in VIGNETTES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})
    assert {vignette_set.file for vignette_set in SETS} == {path.name for path in VIGNETTE_DIR.glob("*.json")}


def test_there_is_a_held_out_set_of_at_least_40_cases_judged_on_every_target() -> None:
    held_out = [s for s in SETS if s.held_out and s.judged_on == "all" and len(s.vignettes) >= 40]
    assert held_out, [(s.file, s.kind, len(s.vignettes)) for s in SETS]


def test_vignettes_cover_every_cause_and_every_urgency() -> None:
    judged_causes = {cause for vignette in VIGNETTES for cause in vignette.causes or ()}
    lowest_urgencies = {vignette.lowest_urgency for vignette in VIGNETTES}
    assert judged_causes >= set(CAUSE_KEYS)
    assert lowest_urgencies == set(URGENCIES)
