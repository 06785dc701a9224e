"""The self-check's pages: which questions each page asks, in which order, and where a patient goes next.

Plain routing only: no clinical judgement lives here (that is `rules.yaml` and the engine). The wording comes from
`questions.yaml`, loaded once at import and checked against the contract's vocabulary, so a typo fails at start-up.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from types import MappingProxyType

import yaml

from triage.vocabulary import NONE, QUESTION_KEYS, QUESTIONS_BY_KEY, Question

WORDING_FILE = Path(__file__).with_name("questions.yaml")


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


def _load() -> tuple[Step, ...]:
    data = yaml.safe_load(WORDING_FILE.read_text())
    texts = {key: _question_text(key, entry) for key, entry in data["questions"].items()}
    if set(texts) != set(QUESTION_KEYS):
        raise ValueError(f"{WORDING_FILE.name} must word every question exactly once: {sorted(texts)}")
    steps = tuple(
        Step(
            slug=entry["slug"],
            title=entry["title"],
            questions=tuple(texts[key] for key in entry["questions"]),
            number=number,
        )
        for number, entry in enumerate(data["steps"], start=1)
    )
    asked = [key for step in steps for key in step.keys]
    if sorted(asked) != sorted(QUESTION_KEYS) or steps[0].keys != ("red_flags",):
        raise ValueError(f"{WORDING_FILE.name}: every question once, emergency signs first; got {asked}")
    return steps


def _question_text(key: str, entry: dict) -> QuestionText:
    question = QUESTIONS_BY_KEY[key]
    options = tuple(Option(value=str(value), **text) for value, text in entry["options"].items())
    values = [option.value for option in options]
    if sorted(values) != sorted(question.options) or (NONE in values and values[-1] != NONE):
        raise ValueError(f"{WORDING_FILE.name}: {key} must word each of {question.options} once, 'none' last")
    return QuestionText(
        question=question,
        legend=entry["legend"],
        hint=entry.get("hint", ""),
        summary_label=entry["summary_label"],
        error=entry["error"],
        options=options,
    )


STEPS: tuple[Step, ...] = _load()
STEPS_BY_SLUG = MappingProxyType({step.slug: step for step in STEPS})
QUESTION_TEXTS = MappingProxyType({q.key: q for step in STEPS for q in step.questions})
FIRST_STEP = STEPS[0]


def step_after(step: Step) -> Step | None:
    return STEPS[step.number] if step.number < len(STEPS) else None


def step_before(step: Step) -> Step | None:
    return STEPS[step.number - 2] if step.number > 1 else None


def first_unanswered(answers: dict) -> Step | None:
    """The first page with a question not yet answered, or None when every question has an answer."""
    return next((step for step in STEPS if any(key not in answers for key in step.keys)), None)


def has_red_flag(answers: dict) -> bool:
    return any(flag != NONE for flag in answers.get("red_flags", []))
