"""The clinical rule table, read once from `rules.yaml` into the frozen values of `triage.ruletable`.

`rules.yaml` is the one file a clinician reviews; this module only reads it. When the module is imported, the
table's shape (which fields each row has, and what kind of value) is checked against `rules.schema.json`, then
every question key, option, urgency, cause key and source reference is checked against `triage.vocabulary`, so a
typo stops the site at start-up with a message naming the exact row, instead of quietly turning a rule off. The
predicates a condition may use are described in `triage.ruletable`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping, Sequence
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

from site_config import regions
from triage.answers import Answers, AnswersError, parse_answers
from triage.ruletable import (
    ALWAYS,
    AllOf,
    AnyOf,
    Cause,
    Condition,
    Either,
    EmergencyCause,
    Feature,
    Is,
    NoneOf,
    NothingFits,
    OutcomeText,
    Predicate,
    RedFlagRule,
    RuleTable,
    SignGroup,
    Source,
    UrgencyRule,
    WarningSign,
)
from triage.vocabulary import (
    ALL_CAUSE_KEYS,
    CAUSE_KEYS,
    EMERGENCY,
    EMERGENCY_CAUSE_KEYS,
    NONE,
    QUESTIONS_BY_KEY,
    SELF_CARE,
    SEVERAL,
    URGENCIES,
    urgency_rank,
)
from triage.wording import in_reader_language
from triage.yamlschema import key_problem, load_table, quoted, schema_validator, shape_problem

RULES_PATH: Final = Path(__file__).with_name("rules.yaml")
# The table's shape lives in a JSON Schema file beside it rather than in a dict here: a reviewer reads it next to
# the YAML without reading Python, and an editor that understands JSON Schema checks rules.yaml as it is typed.
SCHEMA: Final = schema_validator(Path(__file__).with_name("rules.schema.json"))
EMERGENCY_NUMBER_TOKEN: Final = "{emergency_number}"  # noqa: S105 (a placeholder, not a secret)
# Where an outcome names who to see: "your doctor", or the clinic that shared the self-check.
DOCTOR_TOKEN: Final = "{doctor}"  # noqa: S105 (a placeholder, not a secret)
# The region's own words (site_config/regions.py), as a patient there says them.
KNOWN_TOKENS: Final = {EMERGENCY_NUMBER_TOKEN, DOCTOR_TOKEN} | {f"{{{name}}}" for name in regions.WORDS}
OF_PREDICATES: Final[dict[str, type[AnyOf] | type[AllOf] | type[NoneOf]]] = {
    "any_of": AnyOf,
    "all_of": AllOf,
    "none_of": NoneOf,
}


class RulesError(ValueError):
    """The rule table is malformed. The message names the place and the problem."""


def load_rules(path: Path = RULES_PATH) -> RuleTable:
    """Read and check a rule table file. Raises RulesError naming the file and the place of any problem."""
    return load_table(path, build_rules, RulesError)


def build_rules(data: object) -> RuleTable:
    """Check a decoded rule table (as `read_yaml` gives it) and build it. Raises RulesError.

    The schema checks the shape first, so the code below reads fields without checking that they are there;
    what is left to check is what the rows name: questions, options, urgencies, causes, sources and signs."""
    problem = shape_problem(SCHEMA, data)
    if problem:
        raise RulesError(problem)
    return _Reader(data).table()


class _Reader:
    """Builds the rows of a table whose shape the schema has checked, looking up each name they use."""

    def __init__(self, data: Any) -> None:
        self.data = data
        self.sources = {key: Source(key, row["title"].strip(), row["url"]) for key, row in data["sources"].items()}

    def table(self) -> RuleTable:
        data = self.data
        meta, scoring = data["meta"], data["scoring"]
        signs = {key: self.warning_sign(key, row) for key, row in data["warning_signs"].items()}
        return RuleTable(
            version=int(meta["version"]),
            last_reviewed=datetime.date.fromisoformat(meta["last_reviewed"]),
            review_due=datetime.date.fromisoformat(meta["review_due"]),
            plausible_from=int(scoring["plausible_from"]),
            max_shown=int(scoring["max_shown"]),
            sources=MappingProxyType(self.sources),
            red_flags=self.red_flags(data["red_flags"]),
            emergency_causes=MappingProxyType(self.emergency_causes(data["emergency_causes"])),
            causes=self.causes(data["causes"]),
            urgency_rules=self.urgency_rules(data["urgency_rules"], "urgency_rules"),
            nothing_fits=self.nothing_fits(data["nothing_fits"]),
            outcomes=MappingProxyType(_outcomes(data["outcomes"], signs)),
            disclaimer=data["disclaimer"].strip(),
            warning_signs=MappingProxyType(signs),
        )

    def source(self, key: str, where: str) -> Source:
        if key not in self.sources:
            raise RulesError(
                f"{where}: unknown source {key!r}. Add it under 'sources' or use one of: {', '.join(self.sources)}."
            )
        return self.sources[key]

    def red_flags(self, section: Any) -> tuple[RedFlagRule, ...]:
        expected = [option for option in QUESTIONS_BY_KEY["red_flags"].options if option != NONE]
        _same_keys(section["options"], expected, "red_flags.options")
        rules = [
            self.red_flag(
                section["options"][option], f"red_flags.options.{option}", Condition((Is("red_flags", option),))
            )
            for option in expected
        ]
        for i, row in enumerate(section["combinations"]):
            where = f"red_flags.combinations[{i}]"
            rules.append(self.red_flag(row, where, _condition(row["when"], f"{where}.when", raising_only=True)))
        return tuple(rules)

    def red_flag(self, row: Any, where: str, when: Condition) -> RedFlagRule:
        suggests = row["suggests"]
        if suggests is not None and suggests not in ALL_CAUSE_KEYS:
            raise RulesError(
                f"{where}.suggests: unknown cause {suggests!r}. Use null or one of: {', '.join(ALL_CAUSE_KEYS)}."
            )
        return RedFlagRule(when, suggests, row["reason"].strip(), self.source(row["source"], f"{where}.source"))

    def emergency_causes(self, section: Any) -> dict[str, EmergencyCause]:
        _same_keys(section, EMERGENCY_CAUSE_KEYS, "emergency_causes")
        return {key: self.emergency_cause(key, section[key]) for key in EMERGENCY_CAUSE_KEYS}

    def emergency_cause(self, key: str, row: Any) -> EmergencyCause:
        source = self.source(row["source"], f"emergency_causes.{key}.source")
        return EmergencyCause(key, row["title"].strip(), source)

    def causes(self, section: Any) -> tuple[Cause, ...]:
        _same_keys(section, CAUSE_KEYS, "causes")
        return tuple(self.cause(key, row) for key, row in section.items())

    def cause(self, key: str, row: Any) -> Cause:
        where = f"causes.{key}"
        return Cause(
            key=key,
            title=row["title"].strip(),
            source=self.source(row["source"], f"{where}.source"),
            features=tuple(self.feature(item, f"{where}.features[{i}]") for i, item in enumerate(row["features"])),
            default_urgency=self.urgency_rule(row["urgency"]["default"], f"{where}.urgency.default", ALWAYS),
            urgency_rules=self.urgency_rules(row["urgency"]["rules"], f"{where}.urgency.rules"),
        )

    def feature(self, row: Any, where: str) -> Feature:
        when = _condition(row["when"], f"{where}.when")
        return Feature(when, int(row["weight"]), row["reason"].strip(), self.source(row["source"], f"{where}.source"))

    def urgency_rules(self, rows: Any, where: str) -> tuple[UrgencyRule, ...]:
        return tuple(
            self.urgency_rule(row, f"{where}[{i}]", _condition(row["when"], f"{where}[{i}].when", raising_only=True))
            for i, row in enumerate(rows)
        )

    def urgency_rule(self, row: Any, where: str, when: Condition) -> UrgencyRule:
        urgency = _urgency(row["urgency"], f"{where}.urgency")
        if urgency == EMERGENCY:
            raise RulesError(f"{where}.urgency: emergencies belong in red_flags, which are checked first.")
        return UrgencyRule(when, urgency, row["reason"].strip(), self.source(row["source"], f"{where}.source"))

    def warning_sign(self, key: str, row: Any) -> WarningSign:
        where = f"warning_signs.{key}"
        urgency = _urgency(row["urgency"], f"{where}.urgency")
        if urgency == SELF_CARE:
            raise RulesError(f"{where}.urgency: a warning sign needs help, so it cannot be {urgency!r}.")
        examples = tuple(_example(example, f"{where}.examples[{i}]") for i, example in enumerate(row["examples"]))
        return WarningSign(key, urgency, row["text"].strip(), self.source(row["source"], f"{where}.source"), examples)

    def nothing_fits(self, row: Any) -> NothingFits:
        return NothingFits(
            urgency=_urgency(row["urgency"], "nothing_fits.urgency"),
            note=row["note"].strip(),
            reason=row["reason"].strip(),
            source=self.source(row["source"], "nothing_fits.source"),
        )


def _example(data: Any, where: str) -> Answers:
    try:
        return parse_answers(data)
    except AnswersError as error:
        raise RulesError(f"{where}: {error.errors}") from None


def _outcomes(section: Any, signs: Mapping[str, WarningSign]) -> dict[str, OutcomeText]:
    _same_keys(section, URGENCIES, "outcomes")
    outcomes = {urgency: _outcome(section[urgency], urgency, signs) for urgency in URGENCIES}
    if EMERGENCY_NUMBER_TOKEN not in outcomes[EMERGENCY].advice:
        raise RulesError(
            f"outcomes.emergency.advice: must say where the emergency number goes, with {EMERGENCY_NUMBER_TOKEN}."
        )
    return outcomes


def _outcome(row: Any, urgency: str, signs: Mapping[str, WarningSign]) -> OutcomeText:
    groups = row["warning_signs"]
    where = f"outcomes.{urgency}.warning_signs"
    unknown = [key for key in groups if key not in URGENCIES]
    if unknown:
        raise RulesError(f"{where}: unknown urgency {quoted(unknown)}. Choose from: {', '.join(URGENCIES)}.")
    for name in ("headline", "advice", "next_steps"):
        for text in row[name] if name == "next_steps" else [row[name]]:
            _known_tokens(text, f"outcomes.{urgency}.{name}")
    return OutcomeText(
        headline=row["headline"].strip(),
        advice=row["advice"].strip(),
        next_steps=tuple(step.strip() for step in row["next_steps"]),
        warning_signs=tuple(
            _sign_group(groups[sooner], f"{where}.{sooner}", sooner, urgency, signs)
            for sooner in URGENCIES
            if sooner in groups
        ),
    )


def _known_tokens(text: str, where: str) -> None:
    """A misspelt placeholder would reach the patient as it is written, braces and all."""
    unknown = sorted(set(re.findall(r"\{[^}]*\}", text)) - KNOWN_TOKENS)
    if unknown:
        raise RulesError(f"{where}: unknown placeholder {quoted(unknown)}. Use one of {quoted(sorted(KNOWN_TOKENS))}.")


def _sign_group(keys: list[str], where: str, urgency: str, outcome: str, signs: Mapping[str, WarningSign]) -> SignGroup:
    """Signs that need help at `urgency`, listed on an outcome only when that is sooner than the outcome."""
    if urgency_rank(urgency) >= urgency_rank(outcome):
        raise RulesError(f"{where}: list only signs that need help sooner than {outcome!r}.")
    for key in keys:
        if key not in signs or signs[key].urgency != urgency:
            raise RulesError(f"{where}: {key!r} is not a warning sign of that urgency.")
    return SignGroup(urgency, tuple(signs[key] for key in keys))


def _condition(data: Any, where: str, *, raising_only: bool = False) -> Condition:
    """`raising_only`: the condition can only make advice more urgent (a red flag or an urgency rule), so the
    predicates that a missing answer satisfies are allowed."""
    if isinstance(data, list):
        return Condition(tuple(_predicate(item, f"{where}[{i}]", raising_only) for i, item in enumerate(data)))
    return Condition((_predicate(data, where, raising_only),))


def _predicate(data: Any, where: str, raising_only: bool) -> Predicate:
    ((name, value),) = data.items()
    if name == "either":
        return Either(tuple(_one_answer(item, f"{where}.either[{i}]", raising_only) for i, item in enumerate(value)))
    return _one_answer(data, where, raising_only)


def _one_answer(data: Any, where: str, raising_only: bool) -> Is | AnyOf | AllOf | NoneOf:
    """A predicate on one question's answer."""
    ((name, value),) = data.items()
    if name not in OF_PREDICATES:
        (option,) = _options(name, [value], where)
        return Is(name, option)
    ((question, options),) = value.items()
    where = f"{where}.{name}"
    if name == "none_of" and not raising_only:
        raise RulesError(
            f"{where}: a missing answer satisfies none_of, so it may only raise the advice "
            "(red flags and urgency rules), never add evidence for a cause."
        )
    chosen = _options(question, options, where)
    if name == "all_of" and QUESTIONS_BY_KEY[question].kind != SEVERAL:
        raise RulesError(
            f"{where}: {question!r} takes one answer, so all_of can never hold; use any_of or 'question: option'."
        )
    return OF_PREDICATES[name](question, chosen)


def _options(question: Any, values: list[Any], where: str) -> frozenset[str]:
    if question not in QUESTIONS_BY_KEY:
        raise RulesError(f"{where}: unknown question {question!r}. Questions are: {', '.join(QUESTIONS_BY_KEY)}.")
    allowed = QUESTIONS_BY_KEY[question].options
    for value in values:
        if value not in allowed:
            raise RulesError(f"{where}.{question}: unknown option {value!r}. Choose from: {', '.join(allowed)}.")
    return frozenset(values)


def _urgency(value: str, where: str) -> str:
    if value not in URGENCIES:
        raise RulesError(f"{where}: unknown urgency {value!r}. Choose from: {', '.join(URGENCIES)}.")
    return value


def _same_keys(section: Mapping[str, object], expected: Sequence[str], where: str) -> None:
    problem = key_problem(section, expected)
    if problem:
        raise RulesError(f"{where}: {problem}")


# Patient-facing texts read in the reader's language (triage/wording.py); the logic never reads them.
RULES: Final[RuleTable] = in_reader_language(load_rules())
