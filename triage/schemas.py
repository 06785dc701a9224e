"""The self-check API's JSON Schemas, made from its vocabulary so the published description cannot drift from it.

The OpenAPI document (`/api/v1/openapi.json`) shows them as `Answers` and `Outcome`, every option as an enum.
"""

from __future__ import annotations

from typing import Any

from triage.vocabulary import ALL_CAUSE_KEYS, ONE, QUESTIONS, REQUIRED_KEYS, URGENCIES


def answers_schema() -> dict[str, Any]:
    properties: dict[str, Any] = {}
    for question in QUESTIONS:
        option = {"type": "string", "enum": list(question.options)}
        properties[question.key] = option if question.kind == ONE else {"type": "array", "items": option}
    return {
        "type": "object",
        "description": "Answers in the self-check's vocabulary; every key but red_flags may be left out.",
        "required": sorted(REQUIRED_KEYS),
        "additionalProperties": False,
        "properties": properties,
    }


def outcome_schema() -> dict[str, Any]:
    cause = {
        "type": "object",
        "required": ["key", "title", "url", "reasons"],
        "additionalProperties": False,
        "properties": {
            "key": {"type": "string", "enum": list(ALL_CAUSE_KEYS)},
            "title": {"type": "string"},
            "url": {"type": "string", "description": "The article's path on this site."},
            "reasons": {"type": "array", "items": {"type": "string"}},
        },
    }
    return {
        "type": "object",
        "required": ["urgency", "headline", "advice", "causes", "disclaimer"],
        "additionalProperties": False,
        "properties": {
            "urgency": {"type": "string", "enum": list(URGENCIES)},
            "headline": {"type": "string"},
            "advice": {"type": "string"},
            "causes": {"type": "array", "items": cause},
            "disclaimer": {"type": "string"},
        },
    }
