"""The outline of the legs and lower back beside "Where did the pain start?", and on the result page with the
path the answers describe. The radio buttons stay the way to answer: the picture labels the places, and with
JavaScript a tap on a place ticks its answer (static/js/body-map.js)."""

from django import template

from triage.flow import STEPS

register = template.Library()


def _start_labels() -> dict[str, str]:
    question = next(q for step in STEPS for q in step.questions if q.key == "start_location")
    return {option.value: option.label for option in question.options}


@register.inclusion_tag("triage/_body_map.html")
def body_map(start: str = "", spread: str = "", interactive: bool = False) -> dict:
    return {"labels": _start_labels(), "start": start, "spread": spread, "interactive": interactive}
