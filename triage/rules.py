"""The clinical rule table, read once from `rules.yaml` into the frozen values of `triage.ruletable`.

`rules.yaml` is the one file a clinician reviews; this module only reads it. Every question key, option,
urgency, cause key and source reference in it is checked against `triage.vocabulary` when the module is
imported, so a typo stops the site at start-up with a message naming the exact place, instead of quietly
turning a rule off. The predicates a condition may use are described in `triage.ruletable`.
"""

from __future__ import annotations

import datetime
import re
from collections.abc import Mapping
from pathlib import Path
from types import MappingProxyType
from typing import Any, Final

import yaml

from triage.answers import AnswersError, parse_answers
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

RULES_PATH: Final = Path(__file__).with_name("rules.yaml")
EMERGENCY_NUMBER_TOKEN: Final = "{emergency_number}"  # noqa: S105 (a placeholder, not a secret)
SLUG = re.compile(r"^[a-z0-9]+(?:-[a-z0-9]+)*$")
# The table's sections, in the order rules.yaml gives them.
TOP_LEVEL_KEYS: Final = {
    "meta",
    "scoring",
    "sources",
    "red_flags",
    "emergency_causes",
    "causes",
    "urgency_rules",
    "nothing_fits",
    "outcomes",
    "disclaimer",
    "warning_signs",
}


class RulesError(ValueError):
    """The rule table is malformed. The message names the place and the problem."""


# Reading and checking ---------------------------------------------------------------------------------------


def load_rules(path: Path = RULES_PATH) -> RuleTable:
    """Read and check a rule table file. Raises RulesError naming the file and the place of any problem."""
    try:
        data = yaml.safe_load(path.read_text(encoding="utf-8"))
    except (OSError, yaml.YAMLError) as error:
        raise RulesError(f"{path.name}: cannot be read: {error}") from error
    try:
        return build_rules(data)
    except RulesError as error:
        raise RulesError(f"{path.name}: {error}") from None


def build_rules(data: object) -> RuleTable:
    """Check a decoded rule table (the YAML as Python data) and build it. Raises RulesError."""
    top = _mapping(data, "the table", required=TOP_LEVEL_KEYS)
    sources = _sources(top["sources"])
    reader = _Reader(sources)
    signs = reader.warning_signs(top["warning_signs"])
    meta = _mapping(
        top["meta"], "meta", required={"version", "last_reviewed", "review_due"}, optional={"owner", "status"}
    )
    scoring = _mapping(top["scoring"], "scoring", required={"plausible_from", "max_shown"})
    return RuleTable(
        version=_integer(meta["version"], "meta.version"),
        last_reviewed=_date(meta["last_reviewed"], "meta.last_reviewed"),
        review_due=_date(meta["review_due"], "meta.review_due"),
        plausible_from=_integer(scoring["plausible_from"], "scoring.plausible_from", minimum=1),
        max_shown=_integer(scoring["max_shown"], "scoring.max_shown", minimum=1),
        sources=MappingProxyType(sources),
        red_flags=reader.red_flags(top["red_flags"]),
        emergency_causes=MappingProxyType(reader.emergency_causes(top["emergency_causes"])),
        causes=reader.causes(top["causes"]),
        urgency_rules=tuple(
            reader.urgency_rule(row, f"urgency_rules[{i}]")
            for i, row in enumerate(_list(top["urgency_rules"], "urgency_rules"))
        ),
        nothing_fits=reader.nothing_fits(top["nothing_fits"]),
        outcomes=MappingProxyType(_outcomes(top["outcomes"], signs)),
        disclaimer=_text(top["disclaimer"], "disclaimer"),
        warning_signs=MappingProxyType(signs),
    )


class _Reader:
    """Builds rows that refer to the source catalogue."""

    def __init__(self, sources: Mapping[str, Source]) -> None:
        self.sources = sources

    def source(self, value: object, where: str) -> Source:
        key = _text(value, where)
        if key not in self.sources:
            raise RulesError(
                f"{where}: unknown source {key!r}. Add it under 'sources' or use one of: {_list_of(self.sources)}."
            )
        return self.sources[key]

    def red_flags(self, data: object) -> tuple[RedFlagRule, ...]:
        section = _mapping(data, "red_flags", required={"options", "combinations"})
        options = _mapping(section["options"], "red_flags.options")
        expected = [option for option in QUESTIONS_BY_KEY["red_flags"].options if option != NONE]
        for option in options:
            if option not in expected:
                raise RulesError(
                    f"red_flags.options: unknown red flag {option!r}. Red flags are: {', '.join(expected)}."
                )
        missing = [option for option in expected if option not in options]
        if missing:
            raise RulesError(f"red_flags.options: every red flag needs a rule; missing: {', '.join(missing)}.")
        rules = [
            self.red_flag(options[option], f"red_flags.options.{option}", Is("red_flags", option))
            for option in expected
        ]
        for i, row in enumerate(_list(section["combinations"], "red_flags.combinations")):
            rules.append(self.red_flag(row, f"red_flags.combinations[{i}]", None))
        return tuple(rules)

    def red_flag(self, data: object, where: str, option: Is | None) -> RedFlagRule:
        required = {"suggests", "reason", "source"} | ({"when"} if option is None else set())
        row = _mapping(data, where, required=required)
        suggests = row["suggests"]
        if suggests is not None and suggests not in CAUSE_KEYS + EMERGENCY_CAUSE_KEYS:
            known = ", ".join(CAUSE_KEYS + EMERGENCY_CAUSE_KEYS)
            raise RulesError(f"{where}.suggests: unknown cause {suggests!r}. Use null or one of: {known}.")
        when = (
            Condition((option,)) if option is not None else _condition(row["when"], f"{where}.when", raising_only=True)
        )
        return RedFlagRule(
            when, suggests, _text(row["reason"], f"{where}.reason"), self.source(row["source"], f"{where}.source")
        )

    def emergency_causes(self, data: object) -> dict[str, EmergencyCause]:
        section = _mapping(data, "emergency_causes", required=set(EMERGENCY_CAUSE_KEYS))
        causes = {}
        for key in EMERGENCY_CAUSE_KEYS:
            where = f"emergency_causes.{key}"
            row = _mapping(section[key], where, required={"title", "article", "source"})
            causes[key] = EmergencyCause(
                key,
                _text(row["title"], f"{where}.title"),
                _slug(row["article"], f"{where}.article"),
                self.source(row["source"], f"{where}.source"),
            )
        return causes

    def causes(self, data: object) -> tuple[Cause, ...]:
        section = _mapping(data, "causes", required=set(CAUSE_KEYS))
        return tuple(self.cause(key, section[key]) for key in section)

    def cause(self, key: str, data: object) -> Cause:
        where = f"causes.{key}"
        row = _mapping(data, where, required={"title", "article", "source", "features", "urgency"})
        urgency = _mapping(row["urgency"], f"{where}.urgency", required={"default", "rules"})
        features = tuple(
            self.feature(item, f"{where}.features[{i}]")
            for i, item in enumerate(_list(row["features"], f"{where}.features"))
        )
        if not any(feature.weight > 0 for feature in features):
            raise RulesError(f"{where}.features: a cause needs at least one feature with a positive weight.")
        rules = _list(urgency["rules"], f"{where}.urgency.rules", allow_empty=True)
        return Cause(
            key=key,
            title=_text(row["title"], f"{where}.title"),
            article_slug=_slug(row["article"], f"{where}.article"),
            source=self.source(row["source"], f"{where}.source"),
            features=features,
            default_urgency=self.urgency_rule(urgency["default"], f"{where}.urgency.default", default=True),
            urgency_rules=tuple(self.urgency_rule(item, f"{where}.urgency.rules[{i}]") for i, item in enumerate(rules)),
        )

    def feature(self, data: object, where: str) -> Feature:
        row = _mapping(data, where, required={"when", "weight", "reason", "source"})
        weight = _integer(row["weight"], f"{where}.weight")
        if weight == 0:
            raise RulesError(f"{where}.weight: a weight of 0 does nothing; remove the feature or give it a weight.")
        return Feature(
            _condition(row["when"], f"{where}.when"),
            weight,
            _text(row["reason"], f"{where}.reason"),
            self.source(row["source"], f"{where}.source"),
        )

    def urgency_rule(self, data: object, where: str, *, default: bool = False) -> UrgencyRule:
        row = _mapping(data, where, required={"urgency", "reason", "source"} | (set() if default else {"when"}))
        when = ALWAYS if default else _condition(row["when"], f"{where}.when", raising_only=True)
        urgency = _urgency(row["urgency"], f"{where}.urgency")
        if urgency == EMERGENCY:
            raise RulesError(f"{where}.urgency: emergencies belong in red_flags, which are checked first.")
        return UrgencyRule(
            when, urgency, _text(row["reason"], f"{where}.reason"), self.source(row["source"], f"{where}.source")
        )

    def warning_signs(self, data: object) -> dict[str, WarningSign]:
        signs = {}
        for key, value in _mapping(data, "warning_signs").items():
            where = f"warning_signs.{key}"
            row = _mapping(value, where, required={"urgency", "text", "source", "examples"})
            urgency = _urgency(row["urgency"], f"{where}.urgency")
            if urgency == SELF_CARE:
                raise RulesError(f"{where}.urgency: a warning sign needs help, so it cannot be {urgency!r}.")
            examples = []
            for i, example in enumerate(_list(row["examples"], f"{where}.examples")):
                try:
                    examples.append(parse_answers(example))
                except AnswersError as error:
                    raise RulesError(f"{where}.examples[{i}]: {error.errors}") from None
            signs[key] = WarningSign(
                key,
                urgency,
                _text(row["text"], f"{where}.text"),
                self.source(row["source"], f"{where}.source"),
                tuple(examples),
            )
        return signs

    def nothing_fits(self, data: object) -> NothingFits:
        row = _mapping(data, "nothing_fits", required={"urgency", "note", "reason", "source"})
        return NothingFits(
            urgency=_urgency(row["urgency"], "nothing_fits.urgency"),
            note=_text(row["note"], "nothing_fits.note"),
            reason=_text(row["reason"], "nothing_fits.reason"),
            source=self.source(row["source"], "nothing_fits.source"),
        )


def _sources(data: object) -> dict[str, Source]:
    section = _mapping(data, "sources")
    sources = {}
    for key, value in section.items():
        row = _mapping(value, f"sources.{key}", required={"title", "url"})
        url = _text(row["url"], f"sources.{key}.url")
        if not url.startswith("https://"):
            raise RulesError(f"sources.{key}.url: a source must be an https:// address, not {url!r}.")
        sources[key] = Source(key, _text(row["title"], f"sources.{key}.title"), url)
    return sources


def _outcomes(data: object, signs: Mapping[str, WarningSign]) -> dict[str, OutcomeText]:
    section = _mapping(data, "outcomes", required=set(URGENCIES))
    outcomes = {}
    for urgency in URGENCIES:
        where = f"outcomes.{urgency}"
        row = _mapping(section[urgency], where, required={"headline", "advice", "next_steps", "warning_signs"})
        outcomes[urgency] = OutcomeText(
            headline=_text(row["headline"], f"{where}.headline"),
            advice=_text(row["advice"], f"{where}.advice"),
            next_steps=tuple(
                _text(item, f"{where}.next_steps") for item in _list(row["next_steps"], f"{where}.next_steps")
            ),
            warning_signs=_sign_groups(row["warning_signs"], f"{where}.warning_signs", urgency, signs),
        )
    if EMERGENCY_NUMBER_TOKEN not in outcomes[EMERGENCY].advice:
        raise RulesError(
            f"outcomes.emergency.advice: must say where the emergency number goes, with {EMERGENCY_NUMBER_TOKEN}."
        )
    return outcomes


def _sign_groups(data: object, where: str, outcome: str, signs: Mapping[str, WarningSign]) -> tuple[SignGroup, ...]:
    """Signs of a more urgent need than `outcome`, grouped by that urgency, most urgent first."""
    groups = _mapping(data, where)
    result = []
    for urgency in URGENCIES:
        if urgency not in groups:
            continue
        if urgency_rank(urgency) >= urgency_rank(outcome):
            raise RulesError(f"{where}.{urgency}: list only signs that need help sooner than {outcome!r}.")
        keys = _list(groups[urgency], f"{where}.{urgency}")
        for key in keys:
            if key not in signs or signs[key].urgency != urgency:
                raise RulesError(f"{where}.{urgency}: {key!r} is not a warning sign of that urgency.")
        result.append(SignGroup(urgency, tuple(signs[key] for key in keys)))
    unknown = set(groups) - set(URGENCIES)
    if unknown:
        raise RulesError(f"{where}: unknown urgency {sorted(unknown)}.")
    return tuple(result)


def _condition(data: object, where: str, *, raising_only: bool = False) -> Condition:
    """`raising_only`: the condition can only make advice more urgent (a red flag or an urgency rule), so the
    predicates that a missing answer satisfies are allowed."""
    items = data if isinstance(data, list) else [data]
    if not items:
        raise RulesError(f"{where}: a condition needs at least one predicate.")
    return Condition(
        tuple(
            _predicate(item, f"{where}[{i}]" if isinstance(data, list) else where, raising_only=raising_only)
            for i, item in enumerate(items)
        )
    )


def _predicate(data: object, where: str, *, raising_only: bool) -> Predicate:
    if not isinstance(data, dict) or len(data) != 1:
        raise RulesError(
            f"{where}: a predicate is one 'question: option' pair, or any_of/all_of/none_of with one question, "
            f"or either with a list of predicates, not {data!r}."
        )
    ((name, value),) = data.items()
    if name == "either":
        if not isinstance(value, list) or len(value) < 2:
            raise RulesError(f"{where}.either: expected a list of at least two predicates, not {value!r}.")
        inner = tuple(
            _predicate(item, f"{where}.either[{i}]", raising_only=raising_only) for i, item in enumerate(value)
        )
        if any(isinstance(predicate, Either) for predicate in inner):
            raise RulesError(f"{where}.either: write the choices in one list rather than nesting either.")
        return Either(inner)  # type: ignore[arg-type]
    if name == "none_of" and not raising_only:
        raise RulesError(
            f"{where}.none_of: a missing answer satisfies none_of, so it may only raise the advice "
            "(red flags and urgency rules), never add evidence for a cause."
        )
    if name in ("any_of", "all_of", "none_of"):
        if not isinstance(value, dict) or len(value) != 1:
            raise RulesError(f"{where}.{name}: expected one 'question: [options]' pair, not {value!r}.")
        ((question, options),) = value.items()
        options = _options(question, options, f"{where}.{name}")
        if name == "all_of" and QUESTIONS_BY_KEY[question].kind != SEVERAL:
            raise RulesError(
                f"{where}.all_of: {question!r} takes one answer, so all_of can never hold; "
                "use any_of or 'question: option'."
            )
        if name == "any_of":
            return AnyOf(str(question), options)
        if name == "all_of":
            return AllOf(str(question), options)
        return NoneOf(str(question), options)
    if isinstance(value, list):
        raise RulesError(f"{where}: '{name}: {value}' is a list; write any_of or all_of to say which you mean.")
    (option,) = _options(name, [value], where)
    return Is(name, option)


def _options(question: object, values: object, where: str) -> frozenset[str]:
    if question not in QUESTIONS_BY_KEY:
        raise RulesError(f"{where}: unknown question {question!r}. Questions are: {', '.join(QUESTIONS_BY_KEY)}.")
    if not isinstance(values, list) or not values:
        raise RulesError(f"{where}.{question}: expected a list of options, not {values!r}.")
    allowed = QUESTIONS_BY_KEY[str(question)].options
    for value in values:
        if value not in allowed:
            raise RulesError(f"{where}.{question}: unknown option {value!r}. Choose from: {', '.join(allowed)}.")
    return frozenset(values)


def _mapping(
    data: object, where: str, *, required: set[str] | None = None, optional: set[str] | None = None
) -> dict[str, Any]:
    """A mapping. With `required`, those keys must be there and no keys beyond `required | optional` are
    allowed, which catches a misspelt field name instead of ignoring it."""
    if not isinstance(data, dict):
        raise RulesError(f"{where}: expected a mapping of names to values, not {type(data).__name__}.")
    if required is not None:
        missing = sorted(required - data.keys())
        if missing:
            raise RulesError(f"{where}: missing {', '.join(map(repr, missing))}.")
        allowed = required | (optional or set())
        unknown = [str(key) for key in data if key not in allowed]
        if unknown:
            raise RulesError(
                f"{where}: unknown {', '.join(map(repr, unknown))}. Expected: {', '.join(sorted(allowed))}."
            )
    return data


def _list(data: object, where: str, *, allow_empty: bool = False) -> list[Any]:
    if not isinstance(data, list) or (not data and not allow_empty):
        raise RulesError(f"{where}: expected a non-empty list.")
    return data


def _text(data: object, where: str) -> str:
    if not isinstance(data, str) or not data.strip():
        raise RulesError(f"{where}: expected some text, not {data!r}.")
    return data.strip()


def _integer(data: object, where: str, *, minimum: int | None = None) -> int:
    if not isinstance(data, int) or isinstance(data, bool) or (minimum is not None and data < minimum):
        floor = f" of at least {minimum}" if minimum is not None else ""
        raise RulesError(f"{where}: expected a whole number{floor}, not {data!r}.")
    return data


def _date(data: object, where: str) -> datetime.date:
    if not isinstance(data, datetime.date):
        raise RulesError(f"{where}: expected a date written as YYYY-MM-DD, not {data!r}.")
    return data


def _urgency(data: object, where: str) -> str:
    if data not in URGENCIES:
        raise RulesError(f"{where}: unknown urgency {data!r}. Choose from: {', '.join(URGENCIES)}.")
    return str(data)


def _slug(data: object, where: str) -> str:
    slug = _text(data, where)
    if not SLUG.match(slug):
        raise RulesError(f"{where}: an article slug is lowercase words joined by hyphens, not {slug!r}.")
    return slug


def _list_of(mapping: Mapping[str, object]) -> str:
    return ", ".join(mapping)


RULES: Final[RuleTable] = load_rules()
