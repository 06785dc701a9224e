"""The Infobutton endpoint in the OpenAPI description (education/openapi.py), from the names it reads."""

from __future__ import annotations

from collections.abc import Callable

from django.conf import settings

from education.clinics import infobutton as ib
from education.codes import BY_OID

INFOBUTTON_PATH = "/infobutton/"
FEED = "#/components/schemas/InfobuttonFeed"


def _text() -> dict:
    """An Atom text element as JSON: its text under `_value`, its attributes as keys."""
    return {
        "type": "object",
        "required": ["_value"],
        "properties": {"_value": {"type": "string"}, "type": {"type": "string", "enum": ["text", "html"]}},
    }


def _value(schema: dict) -> dict:
    return {"type": "object", "required": ["_value"], "properties": {"_value": schema}}


def infobutton_feed_schema() -> dict:
    when = {"type": "string", "format": "date-time"}
    entry = {
        "type": "object",
        "required": ["lang", "title", "link", "id", "updated", "summary"],
        "properties": {
            "lang": {"type": "string"},
            "title": _text(),
            "link": {
                "type": "array",
                "minItems": 1,
                "items": {
                    "type": "object",
                    "required": ["href", "rel"],
                    "properties": {
                        "href": {"type": "string", "format": "uri"},
                        "rel": {"const": "alternate"},
                        "type": {"type": "string"},
                        "hreflang": {"type": "string"},
                        "title": {"type": "string"},
                    },
                },
            },
            "id": _value({"type": "string", "format": "uri"}),
            "updated": _value(when),
            "summary": _text(),
        },
    }
    return {
        "type": "object",
        "description": "The Infobutton knowledge response as JSON, in the form MedlinePlus Connect gives: the Atom "
        "feed's elements, each text under `_value`, each attribute as a key. No entries: no guide covers the code.",
        "required": ["feed"],
        "properties": {
            "feed": {
                "type": "object",
                "required": ["base", "lang", "title", "id", "updated", "author", "category", "entry"],
                "properties": {
                    "base": {"type": "string", "format": "uri"},
                    "lang": {"type": "string"},
                    "title": _text(),
                    "subtitle": _text(),
                    "id": _value({"type": "string"}),
                    "updated": _value(when),
                    "author": {
                        "type": "object",
                        "required": ["name"],
                        "properties": {"name": _value({"type": "string"}), "uri": _value({"type": "string"})},
                    },
                    "category": {
                        "type": "array",
                        "description": "The request's criteria, echoed: scheme is the parameter, term its value.",
                        "items": {
                            "type": "object",
                            "required": ["scheme", "term"],
                            "properties": {"scheme": {"type": "string"}, "term": {"type": "string"}},
                        },
                    },
                    "entry": {"type": "array", "items": entry},
                },
            }
        },
    }


def _query(name: str, description: str, schema: dict | None = None, required: bool = False) -> dict:
    return {
        "name": name,
        "in": "query",
        "required": required,
        "schema": schema or {"type": "string"},
        "description": description,
    }


PARAMETERS = [
    _query(ib.CODE, "The health problem's code, e.g. M54.4 (ICD-10-CM) or 23056005 (SNOMED CT).", required=True),
    _query(ib.CODE_SYSTEM, "The code's system, by OID.", {"type": "string", "enum": list(BY_OID)}, required=True),
    _query(ib.DISPLAY_NAME, "The problem's name: offered as a search when no guide covers the code."),
    _query(
        ib.LANGUAGE,
        f"The reader's language: {', '.join(code for code, _ in settings.LANGUAGES)} (en-US, spa and the like too). "
        "Others, or none, get the browser's language, else English.",
    ),
    _query(ib.RECIPIENT, "Who reads the answer: a patient or a clinician.", {"enum": [ib.PATIENT, ib.PROVIDER]}),
    _query(
        ib.RESPONSE_TYPE,
        "The form of the answer: the guide as a page (the default), the JSON feed, or the Atom feed.",
        {"enum": list(ib.RESPONSE_TYPES)},
    ),
    _query("clinic", "A registered clinic's short name: the guide shows its phone number and booking page."),
]
PAGE = {"text/html": {"schema": {"type": "string"}}}
ATOM = {"text/xml": {"schema": {"type": "string", "description": "An Atom feed (RFC 4287)."}}}


def infobutton_operation(error: str, always: Callable[[dict], dict]) -> dict:
    get = _operation(error, always)
    form = {
        "type": "object",
        "required": [ib.CODE, ib.CODE_SYSTEM],
        "properties": {p["name"]: {**p["schema"], "description": p["description"]} for p in PARAMETERS},
    }
    post = {
        **_operation(error, always),
        "summary": "The same knowledge request, form-encoded, for requests too long for an address",
        "parameters": [],
        "requestBody": {"required": True, "content": {"application/x-www-form-urlencoded": {"schema": form}}},
    }
    post["responses"] = {**post["responses"], "303": {"description": "The one guide that fits, to GET."}}
    del post["responses"]["302"]
    return {"get": get, "post": post}


def _operation(error: str, always: Callable[[dict], dict]) -> dict:
    return {
        "summary": "HL7 Infobutton knowledge request (URL-based): the guide for a health problem's code",
        "description": "Repeated criteria are numbered after the class or the attribute (mainSearchCriteria1.v.c "
        "or mainSearchCriteria.v.c1). ICD-10-CM codes fall back to their parent codes. Other context the "
        "guide defines (age, sex, task) is accepted and ignored.",
        "parameters": PARAMETERS,
        "responses": always(
            {
                "200": {
                    "description": "The feed of matching guides, or a page listing them when several fit.",
                    "content": {"application/json": {"schema": {"$ref": FEED}}, **ATOM, **PAGE},
                },
                "302": {"description": "The one guide that fits, as a page (text/html answers only)."},
                "400": {
                    "description": "A code, code system, audience or response type that cannot be answered; "
                    "each named with its reason.",
                    "content": {"application/json": {"schema": {"$ref": error}}, **ATOM, **PAGE},
                },
                "404": {
                    "description": "No guide covers the code: an empty feed, or a page with search.",
                    "content": {"application/json": {"schema": {"$ref": FEED}}, **ATOM, **PAGE},
                },
            }
        ),
    }
