"""The self-check's pages: which questions each page asks, in which order, and where a patient goes next.

Plain routing only: no clinical judgement lives here (that is `rules.yaml` and the engine). The wording comes from
`questions.yaml`, loaded once at import: its shape is checked against `questions.schema.json`, then the keys and
options it words against the contract's vocabulary, so a typo fails at start-up with a message naming the row.
"""

from __future__ import annotations

from collections.abc import Mapping, Sequence
from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType
from typing import Any

from triage.vocabulary import NONE, QUESTION_KEYS, QUESTIONS_BY_KEY, Question
from triage.wording import in_reader_language
from triage.yamlschema import key_problem, load_table, quoted, schema_validator, shape_problem

WORDING_FILE = Path(__file__).with_name("questions.yaml")
# As for rules.yaml, the file's shape is a JSON Schema beside it that a reader follows without reading Python.
WORDING_SCHEMA = schema_validator(Path(__file__).with_name("questions.schema.json"))


class QuestionsError(ValueError):
    """questions.yaml is malformed. The message names the place and the problem."""


@dataclass(frozen=True)
class Option:
    value: str
    label: str
    hint: str = ""
    group: str = ""  # starts a labelled group of options in a long list


@dataclass(frozen=True)
class QuestionText:
    question: Question
    legend: str
    summary_label: str
    error: str
    options: tuple[Option, ...]
    hint: str = ""

    @property
    def key(self) -> str:
        return self.question.key

    def label_for(self, value: str) -> str:
        return next(option.label for option in self.options if option.value == value)


@dataclass(frozen=True)
class Step:
    slug: str
    title: str
    questions: tuple[QuestionText, ...]
    number: int

    @property
    def keys(self) -> tuple[str, ...]:
        return tuple(q.key for q in self.questions)


def load_steps(path: Path = WORDING_FILE) -> tuple[Step, ...]:
    """Read and check the wording file. Raises QuestionsError naming the file and the place of any problem."""
    return load_table(path, build_steps, QuestionsError)


def build_steps(data: object) -> tuple[Step, ...]:
    """Check decoded wording (as `read_yaml` gives it) and build the pages. Raises QuestionsError."""
    problem = shape_problem(WORDING_SCHEMA, data)
    if problem:
        raise QuestionsError(problem)
    assert isinstance(data, dict)  # the schema says so
    _same_keys(data["questions"], QUESTION_KEYS, "questions")
    texts = {key: _question_text(key, data["questions"][key]) for key in QUESTION_KEYS}
    _check_pages(data["steps"])
    return tuple(
        Step(
            slug=entry["slug"],
            title=entry["title"],
            questions=tuple(texts[key] for key in entry["questions"]),
            number=number,
        )
        for number, entry in enumerate(data["steps"], start=1)
    )


def _question_text(key: str, entry: Any) -> QuestionText:
    question = QUESTIONS_BY_KEY[key]
    where = f"questions.{key}.options"
    _same_keys(entry["options"], question.options, where)
    if NONE in entry["options"] and list(entry["options"])[-1] != NONE:
        raise QuestionsError(f"{where}: 'none' comes last, after the options it rules out.")
    return QuestionText(
        question=question,
        legend=entry["legend"],
        hint=entry.get("hint", ""),
        summary_label=entry["summary_label"],
        error=entry["error"],
        options=tuple(Option(value=value, **text) for value, text in entry["options"].items()),
    )


def _check_pages(steps: list[Any]) -> None:
    """Every question on exactly one page, each page at its own address, and the emergency signs first, alone."""
    asked: dict[str, str] = {}
    slugs: dict[str, str] = {}
    for i, step in enumerate(steps):
        where = f"steps[{i}]"
        if step["slug"] in slugs:
            raise QuestionsError(f"{where}.slug: {step['slug']!r} is already the slug of {slugs[step['slug']]}.")
        slugs[step["slug"]] = where
        for key in step["questions"]:
            if key not in QUESTIONS_BY_KEY:
                raise QuestionsError(
                    f"{where}.questions: unknown question {key!r}. Questions are: {', '.join(QUESTION_KEYS)}."
                )
            if key in asked:
                raise QuestionsError(f"{where}.questions: {key!r} is already asked on {asked[key]}.")
            asked[key] = where
    missing = [key for key in QUESTION_KEYS if key not in asked]
    if missing:
        raise QuestionsError(f"steps: no page asks {quoted(missing)}.")
    if steps[0]["questions"] != ["red_flags"]:
        raise QuestionsError("steps[0].questions: the first page asks about emergency signs alone: [red_flags].")


def _same_keys(section: Mapping[str, object], expected: Sequence[str], where: str) -> None:
    problem = key_problem(section, expected)
    if problem:
        raise QuestionsError(f"{where}: {problem}")


STEPS: tuple[Step, ...] = in_reader_language(load_steps())
STEPS_BY_SLUG = MappingProxyType({step.slug: step for step in STEPS})
QUESTION_TEXTS = MappingProxyType({q.key: q for step in STEPS for q in step.questions})
FIRST_STEP = STEPS[0]


def step_after(step: Step) -> Step | None:
    return STEPS[step.number] if step.number < len(STEPS) else None


def step_before(step: Step) -> Step | None:
    return STEPS[step.number - 2] if step.number > 1 else None


def first_unanswered(answers: Mapping[str, object]) -> Step | None:
    """The first page with a question not yet answered, or None when every question has an answer."""
    return next((step for step in STEPS if any(key not in answers for key in step.keys)), None)


def has_red_flag(answers: Mapping[str, Any]) -> bool:
    return any(flag != NONE for flag in answers.get("red_flags", []))
