"""A patient's answers as an immutable value, and the one parser both the JSON API and the web form use.

`parse_answers()` is pure: it takes already-decoded data (a dict from JSON, or one the form built) and either
returns `Answers` or raises `AnswersError` with every problem it found, keyed by question. Reading the request
body, its size limit and JSON decoding belong to the view.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, fields

from triage.vocabulary import NONE, ONE, QUESTION_KEYS, QUESTIONS_BY_KEY, REQUIRED_KEYS, Question

ALL_ERRORS = "__all__"


class AnswersError(ValueError):
    """The answers are malformed. `errors` maps a question key (or "__all__") to plain-English messages."""

    def __init__(self, errors: dict[str, list[str]]) -> None:
        super().__init__(errors)
        self.errors = errors


@dataclass(frozen=True)
class Answers:
    """What the patient said. A one-kind answer is an option or None (not answered); a several-kind answer
    is a frozenset of options, empty when not answered."""

    red_flags: frozenset[str]
    start_location: str | None = None
    spread: str | None = None
    legs: str | None = None
    sensations: frozenset[str] = field(default_factory=frozenset)
    signs: frozenset[str] = field(default_factory=frozenset)
    triggers: frozenset[str] = field(default_factory=frozenset)
    risk_factors: frozenset[str] = field(default_factory=frozenset)
    onset: str | None = None
    age_band: str | None = None

    def chosen(self, key: str) -> frozenset[str]:
        """The options chosen for a question, whatever its kind: empty when it was not answered."""
        value = getattr(self, _known(key))
        if value is None:
            return frozenset()
        if isinstance(value, str):
            return frozenset({value})
        return frozenset(value)

    def has(self, key: str, value: str) -> bool:
        """True when the patient chose `value` for question `key`."""
        return value in self.chosen(key)

    def answered(self, key: str) -> bool:
        return bool(self.chosen(key))


# The dataclass and the vocabulary must name the same questions, or a new question would be silently ignored.
if tuple(f.name for f in fields(Answers)) != QUESTION_KEYS:
    raise RuntimeError("Answers' fields must be the questions in triage.vocabulary.QUESTIONS, in order.")


def _known(key: str) -> str:
    if key not in QUESTIONS_BY_KEY:
        raise KeyError(f"Unknown question {key!r}.")
    return key


def parse_answers(data: object) -> Answers:
    """Check decoded answers against the contract and return them as `Answers`, or raise `AnswersError`."""
    if not isinstance(data, Mapping):
        raise AnswersError({ALL_ERRORS: ['Send the answers as an object, for example {"red_flags": ["none"]}.']})
    errors: dict[str, list[str]] = {}
    values: dict[str, str | frozenset[str]] = {}
    for key, raw in data.items():
        question = QUESTIONS_BY_KEY.get(key) if isinstance(key, str) else None
        if question is None:
            errors[str(key)] = [f"Unknown question {str(key)!r}. Questions are: {_listing(QUESTION_KEYS)}."]
            continue
        try:
            values[key] = _parse_one(question, raw) if question.kind == ONE else _parse_several(question, raw)
        except _InvalidAnswerError as problem:
            errors[key] = [str(problem)]
    for key in sorted(REQUIRED_KEYS - data.keys()):
        errors[key] = ["This question must be answered. Choose at least one option, or 'none'."]
    if errors:
        raise AnswersError(errors)
    return Answers(**values)  # type: ignore[arg-type]


class _InvalidAnswerError(Exception):
    pass


def _parse_one(question: Question, raw: object) -> str:
    if raw is None:
        raise _InvalidAnswerError("An answer cannot be null. Leave the question out if it was not answered.")
    if isinstance(raw, (list, tuple)):
        raise _InvalidAnswerError(
            f"Choose one option as a text value, not a list. Choose from: {_listing(question.options)}."
        )
    if not isinstance(raw, str):
        raise _InvalidAnswerError(f"Expected one option as a text value. Choose from: {_listing(question.options)}.")
    _check_option(question, raw)
    return raw


def _parse_several(question: Question, raw: object) -> frozenset[str]:
    if raw is None:
        raise _InvalidAnswerError("An answer cannot be null. Leave the question out if it was not answered.")
    if isinstance(raw, str):
        raise _InvalidAnswerError(f"Expected a list of options, for example [{raw!r}], not a single text value.")
    if not isinstance(raw, (list, tuple)):
        raise _InvalidAnswerError(f"Expected a list of options. Choose from: {_listing(question.options)}.")
    for item in raw:
        if not isinstance(item, str):
            raise _InvalidAnswerError(f"Each option must be a text value. Choose from: {_listing(question.options)}.")
        _check_option(question, item)
    chosen = frozenset(raw)
    if NONE in chosen and len(chosen) > 1:
        raise _InvalidAnswerError(
            "'none' cannot be combined with other options. Choose 'none' on its own, or leave it out."
        )
    if not chosen and question.required:
        raise _InvalidAnswerError("Choose at least one option, or 'none'.")
    return chosen


def _check_option(question: Question, value: str) -> None:
    if value not in question.options:
        raise _InvalidAnswerError(f"Unknown option {value!r}. Choose from: {_listing(question.options)}.")


def _listing(values: Iterable[str]) -> str:
    return ", ".join(values)
