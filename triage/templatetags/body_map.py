"""The outline of the legs and lower back beside "Where did the pain start?", and on the result page with the
path the answers describe. The radio buttons stay the way to answer: the picture labels the places, and with
JavaScript a tap on a place ticks its answer (static/js/body-map.js)."""

from __future__ import annotations

from dataclasses import dataclass

from django import template
from django.utils.translation import pgettext_lazy

from triage.flow import STEPS

register = template.Library()

# Both sides are drawn in the same 200-wide box, the back moved right; their knees and lower legs are one shape.
KNEES = "M62 190 H94 L93 222 H63 Z M106 190 H138 L137 222 H107 Z"
LOWER_LEGS = "M63 222 H93 L88 330 H68 Z M107 222 H137 L132 330 H112 Z"


@dataclass(frozen=True)
class Side:
    name: object  # a lazy translation
    x: int
    places: tuple[tuple[str, str], ...]  # (the start_location answer, the outline of its place)
    outline: str = ""  # drawn, not a place to tap


SIDES = (
    Side(
        pgettext_lazy("side of the body", "Front"),
        0,
        (
            ("hip_or_thigh", "M54 80 H98 L94 190 H62 Z M102 80 H146 L138 190 H106 Z"),
            ("knee", KNEES),
            ("shin", LOWER_LEGS),
            ("ankle_or_foot", "M68 330 H88 L90 368 H52 Z M112 330 H132 L148 368 H110 Z"),
            ("toes", "M52 368 H90 V382 H50 Z M110 368 H148 L150 382 H110 Z"),
        ),
        outline="M60 30 H140 L146 80 H54 Z",
    ),
    Side(
        pgettext_lazy("side of the body", "Back"),
        200,
        (
            ("lower_back_or_buttock", "M60 30 H140 L146 110 H54 Z"),
            ("hip_or_thigh", "M54 110 H98 L94 190 H62 Z M102 110 H146 L138 190 H106 Z"),
            ("knee", KNEES),
            ("calf", LOWER_LEGS),
            ("ankle_or_foot", "M68 330 H88 L86 372 H66 Z M112 330 H132 L134 372 H114 Z"),
        ),
    ),
)


def _start_labels() -> dict[str, str]:
    question = next(q for step in STEPS for q in step.questions if q.key == "start_location")
    return {option.value: option.label for option in question.options}


@register.inclusion_tag("triage/_body_map.html")
def body_map(start: str = "", spread: str = "", interactive: bool = False) -> dict:
    return {"labels": _start_labels(), "start": start, "spread": spread, "interactive": interactive, "sides": SIDES}
