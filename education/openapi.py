"""The OpenAPI 3.1 description of the site's JSON API, served at /api/v1/openapi.json."""

from __future__ import annotations

from django.conf import settings

from education.clinics.infobutton_openapi import INFOBUTTON_PATH, infobutton_feed_schema, infobutton_operation
from education.codes import BY_OID, SNOMED_PATTERN, SYSTEMS
from triage.schemas import answers_schema, outcome_schema
from triage.vocabulary import ALL_CAUSE_KEYS


def _errors():
    return {
        "type": "object",
        "required": ["errors"],
        "properties": {
            "errors": {
                "type": "object",
                "description": "Messages by field; `__all__` for the request as a whole.",
                "additionalProperties": {"type": "array", "items": {"type": "string"}},
            }
        },
    }


def _json(schema_ref, description):
    return {"description": description, "content": {"application/json": {"schema": {"$ref": schema_ref}}}}


ERROR = "#/components/schemas/Errors"

LANGUAGE_CODES = [code for code, _name in settings.LANGUAGES]

SCHEMAS = {
    "ArticleSummary": {
        "type": "object",
        "required": [
            "slug",
            "language",
            "title",
            "summary",
            "cause_key",
            "cause_keys",
            "icd10_codes",
            "snomed_codes",
            "url",
            "last_reviewed",
            "next_review_due",
            "updated",
        ],  # fmt: skip
        "additionalProperties": False,
        "properties": {
            "slug": {"type": "string"},
            "language": {
                "type": "string",
                "enum": LANGUAGE_CODES,
                "description": "The language of the title, summary and text: the one asked for where the article "
                "is translated, else English.",
            },
            "title": {"type": "string"},
            "summary": {"type": "string", "maxLength": 160},
            "cause_key": {
                "type": ["string", "null"],
                "enum": [*ALL_CAUSE_KEYS, None],
                "description": "The self-check's cause key, if any (kept for older clients; see cause_keys).",
            },
            "cause_keys": {
                "type": "array",
                "items": {"type": "string", "enum": list(ALL_CAUSE_KEYS)},
                "description": "Every self-check cause the article covers: the self-check links these causes to it.",
            },
            "icd10_codes": {"type": "array", "items": {"type": "string"}, "description": "ICD-10-CM codes."},
            "snomed_codes": {
                "type": "array",
                "items": {"type": "string", "pattern": SNOMED_PATTERN.pattern},
                "description": "SNOMED CT concept IDs.",
            },
            "url": {"type": "string", "format": "uri"},
            "last_reviewed": {"type": ["string", "null"], "format": "date"},
            "next_review_due": {"type": ["string", "null"], "format": "date"},
            "updated": {"type": "string", "format": "date-time"},
        },
    },
    "ArticleList": {
        "type": "object",
        "required": ["articles"],
        "properties": {"articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleSummary"}}},
    },
    "Lookup": {
        "type": "object",
        "required": ["code", "system", "articles"],
        "properties": {
            "code": {"type": "string", "description": "The code as normalised, e.g. I80.2."},
            "system": {"type": "string", "enum": list(SYSTEMS), "description": "The code's system."},
            "articles": {"type": "array", "items": {"$ref": "#/components/schemas/ArticleSummary"}},
        },
    },
    "Answers": answers_schema(),
    "Outcome": outcome_schema(),
    "Errors": _errors(),
    "InfobuttonFeed": infobutton_feed_schema(),
}

ARTICLE_EXTRA = {
    "html": {"type": "string", "description": "The sanitised article body."},
    "headings": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["id", "text", "level"],
            "properties": {
                "id": {"type": "string"},
                "text": {"type": "string"},
                "level": {"type": "integer", "enum": [2, 3]},
            },
        },
    },
    "sources": {
        "type": "array",
        "items": {
            "type": "object",
            "required": ["title", "url"],
            "properties": {"title": {"type": "string"}, "url": {"type": "string", "format": "uri"}},
        },
    },
}
# One article is its summary plus the body, headings and sources; written out whole so that unknown fields fail.
SCHEMAS["Article"] = {
    **SCHEMAS["ArticleSummary"],
    "required": SCHEMAS["ArticleSummary"]["required"] + list(ARTICLE_EXTRA),
    "properties": {**SCHEMAS["ArticleSummary"]["properties"], **ARTICLE_EXTRA},
}

# The language of an answer: ?lang=, else Accept-Language, else English; the answer says which (Content-Language).
LANGUAGE = [
    {
        "name": "lang",
        "in": "query",
        "required": False,
        "schema": {"type": "string", "enum": LANGUAGE_CODES},
        "description": "The language to answer in. Without it, the Accept-Language header decides.",
    },
    {"name": "Accept-Language", "in": "header", "required": False, "schema": {"type": "string"}},
]
CONDITIONAL = [
    *LANGUAGE,
    {"name": "If-None-Match", "in": "header", "required": False, "schema": {"type": "string"}},
    {"name": "If-Modified-Since", "in": "header", "required": False, "schema": {"type": "string"}},
]
NOT_MODIFIED = {"description": "Not modified since the ETag or date you sent."}
SYSTEM = {
    "name": "system",
    "in": "query",
    "required": False,
    "schema": {"type": "string", "enum": [*SYSTEMS, *BY_OID]},
    "description": "A code system, by short name or OID: icd10 (ICD-10-CM) or snomed (SNOMED CT).",
}
# Answers every endpoint can give: the wrong method, too many requests from one address, the database down.
WRONG_METHOD = _json(ERROR, "That method is not allowed here; the Allow header lists those that are.")
TOO_MANY = _json(ERROR, "Too many requests from your address; wait as long as the Retry-After header says.")
UNAVAILABLE = _json(ERROR, "The service is busy or under repair; try again after Retry-After seconds.")


def _always(responses: dict, *, limited: bool = False) -> dict:
    return {**responses, "405": WRONG_METHOD, **({"429": TOO_MANY} if limited else {}), "503": UNAVAILABLE}


def openapi_document(server_url: str) -> dict:
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "Leg pain guide API",
            "version": "1.0.0",
            "description": "Published patient guides on leg pain, and the self-check. Read-only except the "
            "self-check, which stores nothing.",
        },
        "servers": [{"url": server_url.rstrip("/")}],
        "paths": {
            "/api/v1/articles/": {
                "get": {
                    "summary": "Every published article; with `system`, those with codes in that system",
                    "parameters": [SYSTEM, *CONDITIONAL],
                    "responses": _always(
                        {
                            "200": _json("#/components/schemas/ArticleList", "The articles, in display order."),
                            "304": NOT_MODIFIED,
                            "400": _json(ERROR, "An unknown code system or lang."),
                        }
                    ),
                }
            },
            "/api/v1/articles/{slug}/": {
                "get": {
                    "summary": "One published article",
                    "parameters": [
                        {"name": "slug", "in": "path", "required": True, "schema": {"type": "string"}},
                        *CONDITIONAL,
                    ],
                    "responses": _always(
                        {
                            "200": _json("#/components/schemas/Article", "The article."),
                            "304": NOT_MODIFIED,
                            "404": _json(ERROR, "No published article has that slug."),
                        }
                    ),
                }
            },
            "/api/v1/lookup/": {
                "get": {
                    "summary": "Articles for an ICD-10-CM code (falling back to its parent codes) or a SNOMED CT code",
                    "parameters": [
                        {
                            "name": "code",
                            "in": "query",
                            "required": True,
                            "schema": {"type": "string"},
                            "description": "Without `system`, a code starting with a letter is ICD-10-CM and one of "
                            "digits only is SNOMED CT.",
                        },
                        SYSTEM,
                        *CONDITIONAL,
                    ],
                    "responses": _always(
                        {
                            "200": _json("#/components/schemas/Lookup", "The matching articles."),
                            "304": NOT_MODIFIED,
                            "400": _json(ERROR, "The code is missing or malformed, or the system unknown."),
                            "404": _json(ERROR, "No article covers the code or its parents."),
                        }
                    ),
                }
            },
            INFOBUTTON_PATH: infobutton_operation(ERROR, _always),
            "/api/v1/self-check/": {
                "post": {
                    "summary": "Assess self-check answers",
                    "parameters": LANGUAGE,
                    "requestBody": {
                        "required": True,
                        "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Answers"}}},
                    },
                    "responses": _always(
                        {
                            "200": _json(
                                "#/components/schemas/Outcome", "How urgently to get help, and which causes fit."
                            ),
                            "400": _json(
                                ERROR,
                                "Malformed answers, a body over 10 kB or an unknown lang; a reason for each.",
                            ),
                        },
                        limited=True,
                    ),
                }
            },
        },
        "components": {"schemas": SCHEMAS},
    }
