"""The clinical rule table's parts as frozen values: predicates on answers, rows, and the table itself.

`triage.rules` reads `rules.yaml` into these; the engine applies them. A rule's condition is a list of
predicates that must all hold. Each predicate looks at one answer, except `Either`, which holds when any of its
predicates holds:

    {signs: calf_swelling}                                   Is: the patient chose this option
    {any_of: {sensations: [burning, pins_and_needles]}}      AnyOf: they chose at least one of these
    {all_of: {signs: [warm_skin, red_or_discoloured_skin]}}  AllOf: they chose every one of these
    {none_of: {onset: [months]}}                             NoneOf: they chose none of these, or did not answer
    {either: [{start_location: knee}, {spread: up_from_calf}]}  Either: at least one of these holds

A question that was not answered makes Is, AnyOf and AllOf false, so leaving a question out removes evidence
and never adds reassurance. NoneOf is the one predicate a missing answer satisfies: the loader allows it only
in red flags and urgency rules, where it can only make the advice more urgent.
"""

from __future__ import annotations

import datetime
from collections.abc import Mapping
from dataclasses import dataclass
from typing import Final

from triage.answers import Answers

# Predicates -------------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Is:
    question: str
    option: str

    def holds(self, answers: Answers) -> bool:
        return answers.has(self.question, self.option)


@dataclass(frozen=True)
class AnyOf:
    question: str
    options: frozenset[str]

    def holds(self, answers: Answers) -> bool:
        return not self.options.isdisjoint(answers.chosen(self.question))


@dataclass(frozen=True)
class AllOf:
    question: str
    options: frozenset[str]

    def holds(self, answers: Answers) -> bool:
        return self.options <= answers.chosen(self.question)


@dataclass(frozen=True)
class NoneOf:
    question: str
    options: frozenset[str]

    def holds(self, answers: Answers) -> bool:
        return self.options.isdisjoint(answers.chosen(self.question))


@dataclass(frozen=True)
class Either:
    predicates: tuple[Is | AnyOf | AllOf | NoneOf, ...]

    def holds(self, answers: Answers) -> bool:
        return any(predicate.holds(answers) for predicate in self.predicates)


Predicate = Is | AnyOf | AllOf | NoneOf | Either


@dataclass(frozen=True)
class Condition:
    """All of its predicates must hold. An empty condition always holds (a cause's default urgency)."""

    predicates: tuple[Predicate, ...] = ()

    def holds(self, answers: Answers) -> bool:
        return all(predicate.holds(answers) for predicate in self.predicates)


ALWAYS: Final = Condition()


# Rows of the table ------------------------------------------------------------------------------------------


@dataclass(frozen=True)
class Source:
    key: str
    title: str
    url: str


@dataclass(frozen=True)
class Feature:
    """Evidence for (positive weight) or against (negative weight) a cause."""

    when: Condition
    weight: int
    reason: str
    source: Source


@dataclass(frozen=True)
class UrgencyRule:
    when: Condition
    urgency: str
    reason: str
    source: Source


@dataclass(frozen=True)
class RedFlagRule:
    """When it holds the answer is an emergency, and the assessment stops there."""

    when: Condition
    suggests: str | None  # an emergency cause key, a cause key, or None when no cause is named
    reason: str
    source: Source


@dataclass(frozen=True)
class Cause:
    key: str
    title: str
    source: Source
    features: tuple[Feature, ...]
    default_urgency: UrgencyRule  # applies whenever the cause is plausible
    urgency_rules: tuple[UrgencyRule, ...]


@dataclass(frozen=True)
class EmergencyCause:
    key: str
    title: str
    source: Source


@dataclass(frozen=True)
class WarningSign:
    """A sign that needs help at a given urgency, in the words every page uses: the self-check's outcomes, the
    home page and the articles' care cards all show `text`, and `examples` are answers for which the
    self-check itself gives `urgency` (a test holds the two together)."""

    key: str
    urgency: str
    text: str  # continues "Call 911 now if:" or "See a doctor today if:", so it starts in lower case
    source: Source
    examples: tuple[Answers, ...]


@dataclass(frozen=True)
class SignGroup:
    urgency: str
    signs: tuple[WarningSign, ...]


@dataclass(frozen=True)
class OutcomeText:
    headline: str
    advice: str
    next_steps: tuple[str, ...]
    warning_signs: tuple[SignGroup, ...]  # when to get help sooner, most urgent first


@dataclass(frozen=True)
class NothingFits:
    urgency: str  # the least urgent answer a patient gets when no cause fits well
    note: str
    reason: str
    source: Source


@dataclass(frozen=True)
class RuleTable:
    version: int
    last_reviewed: datetime.date
    review_due: datetime.date
    plausible_from: int  # a cause scoring this or more is plausible: shown, and its urgency rules apply
    max_shown: int
    sources: Mapping[str, Source]
    red_flags: tuple[RedFlagRule, ...]
    emergency_causes: Mapping[str, EmergencyCause]
    causes: tuple[Cause, ...]  # in tie-break order: the earlier wins a tie of score and urgency
    urgency_rules: tuple[UrgencyRule, ...]  # apply whatever the cause
    nothing_fits: NothingFits
    outcomes: Mapping[str, OutcomeText]
    disclaimer: str
    warning_signs: Mapping[str, WarningSign]

    def any_cause(self, key: str) -> Cause | EmergencyCause:
        for cause in self.causes:
            if cause.key == key:
                return cause
        return self.emergency_causes[key]
