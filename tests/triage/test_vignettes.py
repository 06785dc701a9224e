"""Run every clinical vignette through the engine.

Each file in `vignettes/` is a list of vignettes in the contract's vocabulary: an id, the clinical story, the
answers, and what a clinician would accept (`expect.urgency`: acceptable urgencies; `expect.causes`:
acceptable first causes, or null when not judged). One parametrised test checks every vignette for
under-triage; another checks the suite's figures against the product's targets.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

import pytest

from triage.answers import parse_answers
from triage.engine import Outcome, assess
from triage.vocabulary import CAUSE_KEYS, EMERGENCY, URGENCIES, urgency_rank

VIGNETTE_DIR = Path(__file__).with_name("vignettes")

FIRST_CAUSE_TARGET = 0.85
TOP_THREE_TARGET = 0.95
OVER_TRIAGE_LIMIT = 0.15


@dataclass(frozen=True)
class Vignette:
    file: str
    id: str
    story: str
    answers: dict[str, object]
    urgencies: tuple[str, ...]
    causes: tuple[str, ...] | None

    @property
    def lowest_urgency(self) -> str:
        return max(self.urgencies, key=urgency_rank)

    @property
    def highest_urgency(self) -> str:
        return min(self.urgencies, key=urgency_rank)

    def outcome(self) -> Outcome:
        return assess(parse_answers(self.answers))


def load_vignettes(directory: Path = VIGNETTE_DIR) -> tuple[Vignette, ...]:
    vignettes = []
    for path in sorted(directory.glob("*.json")):
        for row in json.loads(path.read_text(encoding="utf-8")):
            causes = row["expect"]["causes"]
            vignettes.append(
                Vignette(
                    file=path.name,
                    id=row["id"],
                    story=row["story"],
                    answers=row["answers"],
                    urgencies=tuple(row["expect"]["urgency"]),
                    causes=tuple(causes) if causes is not None else None,
                )
            )
    return tuple(vignettes)


VIGNETTES = load_vignettes()


@dataclass(frozen=True)
class Figures:
    total: int
    judged: int  # vignettes whose first cause a clinician judged
    first_cause: int
    top_three: int
    over_triaged: int
    under_triaged: int
    emergencies: int
    emergencies_caught: int

    @property
    def first_cause_rate(self) -> float:
        return self.first_cause / self.judged if self.judged else 1.0

    @property
    def top_three_rate(self) -> float:
        return self.top_three / self.judged if self.judged else 1.0

    @property
    def over_triage_rate(self) -> float:
        return self.over_triaged / self.total if self.total else 0.0

    def lines(self) -> list[str]:
        return [
            f"vignettes: {self.total} ({self.judged} with a judged first cause)",
            f"first cause right: {self.first_cause}/{self.judged} = {self.first_cause_rate:.1%}"
            f" (target >= {FIRST_CAUSE_TARGET:.0%})",
            f"right cause in top three: {self.top_three}/{self.judged} = {self.top_three_rate:.1%}"
            f" (target >= {TOP_THREE_TARGET:.0%})",
            f"over-triage: {self.over_triaged}/{self.total} = {self.over_triage_rate:.1%}"
            f" (limit < {OVER_TRIAGE_LIMIT:.0%})",
            f"under-triage: {self.under_triaged}/{self.total} (must be 0)",
            f"emergencies advised emergency: {self.emergencies_caught}/{self.emergencies} (must be all)",
        ]


def measure(vignettes: tuple[Vignette, ...]) -> Figures:
    counts = dict.fromkeys(("judged", "first", "top", "over", "under", "emergencies", "caught"), 0)
    for vignette in vignettes:
        outcome = vignette.outcome()
        rank = urgency_rank(outcome.urgency)
        counts["under"] += rank > urgency_rank(vignette.lowest_urgency)
        counts["over"] += rank < urgency_rank(vignette.highest_urgency)
        if vignette.lowest_urgency == EMERGENCY:
            counts["emergencies"] += 1
            counts["caught"] += outcome.urgency == EMERGENCY
        if vignette.causes is not None:
            shown = [cause.key for cause in outcome.causes]
            counts["judged"] += 1
            counts["first"] += bool(shown) and shown[0] in vignette.causes
            counts["top"] += not set(shown[:3]).isdisjoint(vignette.causes)
    return Figures(
        total=len(vignettes),
        judged=counts["judged"],
        first_cause=counts["first"],
        top_three=counts["top"],
        over_triaged=counts["over"],
        under_triaged=counts["under"],
        emergencies=counts["emergencies"],
        emergencies_caught=counts["caught"],
    )


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


def test_vignette_suite_meets_the_targets(report_figures: Callable[[list[str]], None]) -> None:
    figures = measure(VIGNETTES)
    report_figures(figures.lines())
    print("\n".join(figures.lines()))
    assert figures.emergencies_caught == figures.emergencies
    assert figures.under_triaged == 0
    assert figures.first_cause_rate >= FIRST_CAUSE_TARGET
    assert figures.top_three_rate >= TOP_THREE_TARGET
    assert figures.over_triage_rate < OVER_TRIAGE_LIMIT


def test_vignette_ids_are_unique_across_files() -> None:
    ids = [vignette.id for vignette in VIGNETTES]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_clinic_suite_has_at_least_44_vignettes() -> None:
    assert sum(vignette.file == "clinic.json" for vignette in VIGNETTES) >= 44


def test_vignettes_cover_every_cause_and_every_urgency() -> None:
    judged_causes = {cause for vignette in VIGNETTES for cause in vignette.causes or ()}
    lowest_urgencies = {vignette.lowest_urgency for vignette in VIGNETTES}
    assert judged_causes >= set(CAUSE_KEYS)
    assert lowest_urgencies == set(URGENCIES)
