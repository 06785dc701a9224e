"""How well the self-check does on clinical vignettes, measured one vignette set at a time.

A vignette set is a JSON file of patient stories in the contract's vocabulary with what a clinician would
accept (`expect.urgency`: acceptable urgencies; `expect.causes`: acceptable first causes, or null when not
judged). `sets.yaml` beside the files says who wrote each set and whether the rules were tuned on it. Held-out
sets are never pooled with tuned ones: pooling would let cases the rules were fitted to hide a miss.

The tests, `manage.py write_evidence` and the public evidence page all measure through this module.
"""

from __future__ import annotations

import functools
import hashlib
import json
from collections.abc import Iterable, Mapping
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, Final, Literal

import yaml

from triage.answers import parse_answers
from triage.engine import Outcome, assess
from triage.rules import RULES, RULES_PATH
from triage.vocabulary import EMERGENCY, urgency_rank

SetKind = Literal["tuned", "held_out"]
SETS_FILE: Final = "sets.yaml"
# The saved figures the evidence page shows, written only by `manage.py write_evidence`.
EVIDENCE_FILE: Final = Path(__file__).with_name("evidence.json")


@dataclass(frozen=True)
class Targets:
    """What a set must reach. Safety (every emergency caught, no under-triage) is never optional."""

    first_cause: float
    top_three: float
    over_triage: float  # at most this share of vignettes may be advised more urgently than a clinician would


# The product's targets, the same for every set a clinician has judged causes in.
TARGETS: Final = Targets(first_cause=0.90, top_three=0.98, over_triage=0.10)


@dataclass(frozen=True)
class Vignette:
    file: str
    id: str
    story: str
    answers: Mapping[str, object]
    urgencies: tuple[str, ...]
    causes: tuple[str, ...] | None

    @property
    def lowest_urgency(self) -> str:
        return max(self.urgencies, key=urgency_rank)

    @property
    def highest_urgency(self) -> str:
        return min(self.urgencies, key=urgency_rank)

    def outcome(self) -> Outcome:
        return assess(parse_answers(dict(self.answers)))


@dataclass(frozen=True)
class VignetteSet:
    file: str
    title: str
    kind: SetKind
    author: str
    written: str
    note: str
    judged_on: str  # "all" targets, or "safety" alone while the causes it names are still being built
    vignettes: tuple[Vignette, ...]

    @property
    def held_out(self) -> bool:
        return self.kind == "held_out"


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

    @property
    def safe(self) -> bool:
        return self.under_triaged == 0 and self.emergencies_caught == self.emergencies

    def meets(self, targets: Targets) -> bool:
        return (
            self.safe
            and self.first_cause_rate >= targets.first_cause
            and self.top_three_rate >= targets.top_three
            and self.over_triage_rate <= targets.over_triage
        )

    def lines(self) -> list[str]:
        return [
            f"vignettes: {self.total} ({self.judged} with a judged first cause)",
            f"emergencies advised emergency: {self.emergencies_caught}/{self.emergencies} (must be all)",
            f"under-triage: {self.under_triaged}/{self.total} (must be 0)",
            f"first cause right: {self.first_cause}/{self.judged} = {self.first_cause_rate:.1%}"
            f" (target >= {TARGETS.first_cause:.0%})",
            f"right cause in top three: {self.top_three}/{self.judged} = {self.top_three_rate:.1%}"
            f" (target >= {TARGETS.top_three:.0%})",
            f"over-triage: {self.over_triaged}/{self.total} = {self.over_triage_rate:.1%}"
            f" (limit {TARGETS.over_triage:.0%})",
        ]


def load_sets(directory: Path) -> tuple[VignetteSet, ...]:
    """Every vignette set in `directory`, in the order `sets.yaml` lists them. Each file must be described there."""
    described = yaml.safe_load((directory / SETS_FILE).read_text(encoding="utf-8"))
    files = sorted(path.name for path in directory.glob("*.json"))
    if sorted(described) != files:
        raise ValueError(f"{SETS_FILE} must describe exactly the vignette files {files}, not {sorted(described)}.")
    return tuple(_load_set(directory / name, meta) for name, meta in described.items())


def _load_set(path: Path, meta: Mapping[str, str]) -> VignetteSet:
    if meta["kind"] not in ("tuned", "held_out") or meta.get("judged_on", "all") not in ("all", "safety"):
        raise ValueError(f"{SETS_FILE}: {path.name} has an unknown kind or judged_on.")
    rows = json.loads(path.read_text(encoding="utf-8"))
    return VignetteSet(
        file=path.name,
        title=meta["title"],
        kind=meta["kind"],  # type: ignore[arg-type]
        author=meta["author"],
        written=str(meta["written"]),
        note=meta.get("note", ""),
        judged_on=meta.get("judged_on", "all"),
        vignettes=tuple(_vignette(path.name, row) for row in rows),
    )


def _vignette(file: str, row: Mapping[str, Any]) -> Vignette:
    causes = row["expect"]["causes"]
    return Vignette(
        file=file,
        id=row["id"],
        story=row["story"],
        answers=row["answers"],
        urgencies=tuple(row["expect"]["urgency"]),
        causes=tuple(causes) if causes is not None else None,
    )


def measure(vignettes: Iterable[Vignette]) -> Figures:
    counts = dict.fromkeys(("total", "judged", "first", "top", "over", "under", "emergencies", "caught"), 0)
    for vignette in vignettes:
        outcome = vignette.outcome()
        rank = urgency_rank(outcome.urgency)
        counts["total"] += 1
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
        total=counts["total"],
        judged=counts["judged"],
        first_cause=counts["first"],
        top_three=counts["top"],
        over_triaged=counts["over"],
        under_triaged=counts["under"],
        emergencies=counts["emergencies"],
        emergencies_caught=counts["caught"],
    )


def report(sets: Iterable[VignetteSet]) -> dict[str, Any]:
    """The figures of every set as plain data: what `write_evidence` saves and the evidence page shows."""
    return {
        "targets": asdict(TARGETS),
        "sets": [
            {
                "file": vignette_set.file,
                "title": vignette_set.title,
                "kind": vignette_set.kind,
                "author": vignette_set.author,
                "written": vignette_set.written,
                "note": vignette_set.note,
                "judged_on": vignette_set.judged_on,
                "figures": asdict(measure(vignette_set.vignettes)),
            }
            for vignette_set in sets
        ],
    }


def rules_fingerprint() -> dict[str, Any]:
    """Which rules the figures were measured on: saved with them, so stale figures are caught."""
    digest = hashlib.sha256(RULES_PATH.read_bytes()).hexdigest()[:16]
    return {"version": RULES.version, "review_due": RULES.review_due.isoformat(), "sha256": digest}


@functools.cache
def saved_evidence() -> dict[str, Any]:
    """The figures `write_evidence` saved, read once: they change only with a release."""
    saved: dict[str, Any] = json.loads(EVIDENCE_FILE.read_text(encoding="utf-8"))
    return saved
