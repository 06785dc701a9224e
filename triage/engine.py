"""Apply the clinical rule table to a patient's answers and return an immutable outcome.

The engine knows how to weigh evidence, not what the evidence is: every clinical fact lives in `rules.yaml`.
It is conservative by construction:

* red flags are checked first, and any one of them ends the assessment as an emergency;
* the urgency is the most urgent of every rule that holds for any plausible cause, not only the top one;
* a tie in score goes to the cause with the more urgent advice;
* when no cause fits well the advice is never less than the table's `nothing_fits.urgency`.

Texts keep the `{emergency_number}` token; the caller fills it in from settings. Pure Python: no Django.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any, TypeVar

from triage.answers import Answers
from triage.rules import RULES
from triage.ruletable import (
    ALWAYS,
    Cause,
    EmergencyCause,
    RedFlagRule,
    RuleTable,
    SignGroup,
    Source,
    UrgencyRule,
)
from triage.vocabulary import EMERGENCY, most_urgent, urgency_rank


@dataclass(frozen=True)
class CauseMatch:
    """A cause that fits the answers, with the reasons (patient-facing sentences) it fits."""

    key: str
    title: str
    score: int
    reasons: tuple[str, ...]
    urgency: str  # the advice this cause alone would give for these answers


@dataclass(frozen=True)
class Outcome:
    urgency: str
    headline: str
    advice: str
    next_steps: tuple[str, ...]
    warning_signs: tuple[SignGroup, ...]
    disclaimer: str
    causes: tuple[CauseMatch, ...]  # most likely first; empty when nothing fits well or no cause is named
    urgency_reasons: tuple[str, ...]  # why this urgency: the reasons of every rule that set it
    nothing_fits: bool
    note: str  # extra text when nothing fits well, otherwise ""
    sources: tuple[Source, ...]  # the guidance behind this outcome, for a "where this comes from" list

    @property
    def is_emergency(self) -> bool:
        return self.urgency == EMERGENCY


def assess(answers: Answers, *, rules: RuleTable = RULES) -> Outcome:
    """The self-check's one decision: the same answers always give the same outcome."""
    red_flags = fired_red_flags(answers, rules)
    if red_flags:
        return _emergency(red_flags, rules)
    matches = rank(tuple(match_cause(cause, answers) for cause in rules.causes), rules)
    plausible = tuple(match for match in matches if match.score >= rules.plausible_from)
    decisions = _urgency_decisions(plausible, answers, rules)
    urgency = most_urgent(*(rule.urgency for rule in decisions))
    deciding = tuple(rule for rule in decisions if rule.urgency == urgency)
    shown = plausible[: rules.max_shown]
    return _outcome(
        rules,
        urgency,
        causes=shown,
        urgency_reasons=_unique(rule.reason for rule in deciding),
        nothing_fits=not plausible,
        note=rules.nothing_fits.note if not plausible else "",
        sources=_unique([rule.source for rule in deciding] + [rules.any_cause(m.key).source for m in shown]),
    )


def _outcome(rules: RuleTable, urgency: str, **details: Any) -> Outcome:
    """An outcome with the table's words for its urgency."""
    text = rules.outcomes[urgency]
    return Outcome(
        urgency=urgency,
        headline=text.headline,
        advice=text.advice,
        next_steps=text.next_steps,
        warning_signs=text.warning_signs,
        disclaimer=rules.disclaimer,
        **details,
    )


def fired_red_flags(answers: Answers, rules: RuleTable) -> tuple[RedFlagRule, ...]:
    return tuple(rule for rule in rules.red_flags if rule.when.holds(answers))


def match_cause(cause: Cause, answers: Answers) -> CauseMatch:
    """Score one cause. Reasons are the positive features that hold, strongest first."""
    held = [feature for feature in cause.features if feature.when.holds(answers)]
    supporting = sorted((f for f in held if f.weight > 0), key=lambda f: -f.weight)  # stable: table order
    return CauseMatch(
        key=cause.key,
        title=cause.title,
        score=sum(feature.weight for feature in held),
        reasons=tuple(feature.reason for feature in supporting),
        urgency=most_urgent(*(rule.urgency for rule in cause_urgency_rules(cause, answers))),
    )


def cause_urgency_rules(cause: Cause, answers: Answers) -> tuple[UrgencyRule, ...]:
    """The cause's default urgency and every one of its urgency rules that holds."""
    return (cause.default_urgency,) + tuple(rule for rule in cause.urgency_rules if rule.when.holds(answers))


def rank(matches: tuple[CauseMatch, ...], rules: RuleTable) -> tuple[CauseMatch, ...]:
    """Highest score first; a tie goes to the more urgent cause, then to the cause listed first in the table."""
    order = {cause.key: position for position, cause in enumerate(rules.causes)}
    return tuple(sorted(matches, key=lambda m: (-m.score, urgency_rank(m.urgency), order[m.key])))


def _urgency_decisions(
    plausible: tuple[CauseMatch, ...], answers: Answers, rules: RuleTable
) -> tuple[UrgencyRule, ...]:
    """Every urgency rule that holds: for each plausible cause, the general rows, and the nothing-fits floor."""
    causes = {cause.key: cause for cause in rules.causes}
    decisions: list[UrgencyRule] = []
    for match in plausible:  # most likely first, so the reasons read in that order
        decisions.extend(cause_urgency_rules(causes[match.key], answers))
    decisions.extend(rule for rule in rules.urgency_rules if rule.when.holds(answers))
    if not plausible:
        floor = rules.nothing_fits
        decisions.append(UrgencyRule(when=ALWAYS, urgency=floor.urgency, reason=floor.reason, source=floor.source))
    return tuple(decisions)


def _emergency(red_flags: tuple[RedFlagRule, ...], rules: RuleTable) -> Outcome:
    named = _unique(rule.suggests for rule in red_flags if rule.suggests is not None)
    causes = tuple(
        _named_cause(rules.any_cause(key), tuple(rule.reason for rule in red_flags if rule.suggests == key))
        for key in named
    )
    return _outcome(
        rules,
        EMERGENCY,
        causes=causes,
        urgency_reasons=_unique(rule.reason for rule in red_flags),
        nothing_fits=False,
        note="",
        sources=_unique(rule.source for rule in red_flags),
    )


def _named_cause(cause: Cause | EmergencyCause, reasons: tuple[str, ...]) -> CauseMatch:
    return CauseMatch(cause.key, cause.title, score=0, reasons=reasons, urgency=EMERGENCY)


T = TypeVar("T")


def _unique(items: Iterable[T]) -> tuple[T, ...]:
    """The items in their first order, without repeats."""
    return tuple(dict.fromkeys(items))
