"""The self-check's words in the reader's language.

rules.yaml and questions.yaml are written in English, and the clinical logic never reads their words. Their
translations live in a gettext catalogue of their own (`triage/locale/<language>/LC_MESSAGES/selfcheck.po`), which
`manage.py self_check_messages` keeps in step with the files, so a translator works in the same tools as for the
rest of the site and a clinician reviews the self-check's Spanish in one file. When the tables are loaded, each
patient-facing text becomes a lazy string that reads in the language active when it is shown.
"""

from __future__ import annotations

import dataclasses
import gettext
from collections.abc import Iterator
from functools import cache
from pathlib import Path
from types import MappingProxyType
from typing import Any, TypeVar, cast

from django.utils.functional import lazy
from django.utils.translation import get_language

LOCALE_DIR = Path(__file__).with_name("locale")
DOMAIN = "selfcheck"
# The fields patients read. Everything else (keys, options, conditions, and the sources, which are cited by their
# own titles) stays as written.
TEXT_FIELDS = frozenset({
    "title", "reason", "headline", "advice", "next_steps", "text", "examples", "note", "disclaimer",
    "legend", "hint", "error", "summary_label", "label", "group",
})  # fmt: skip
NOT_TEXT = frozenset({"Source"})

T = TypeVar("T")


@cache
def catalogue(language: str) -> gettext.NullTranslations:
    return gettext.translation(DOMAIN, LOCALE_DIR, languages=[language], fallback=True)


def say(text: str) -> str:
    """The text in the active language, or as written when it has no translation."""
    language = get_language()
    if not language or language.startswith("en"):
        return text
    return catalogue(language.split("-")[0]).gettext(text)


_lazy_say = lazy(say, str)


def in_reader_language(table: T) -> T:
    """A copy of a loaded table whose patient-facing texts read in the language active when each is shown."""
    return cast(T, _walk(table, lambda text: _lazy_say(text)))


def texts(table: object) -> Iterator[str]:
    """Every patient-facing text in a table, in order, for the catalogue."""
    found: list[str] = []

    def keep(text: str) -> str:
        found.append(str(text))
        return text

    _walk(table, keep)
    yield from found


def _walk(value: Any, change: Any, text: bool = False) -> Any:
    if isinstance(value, str) or (text and _is_lazy(value)):
        return change(value) if text and value else value
    if dataclasses.is_dataclass(value) and not isinstance(value, type):
        if type(value).__name__ in NOT_TEXT:
            return value
        changes = {
            field.name: _walk(getattr(value, field.name), change, field.name in TEXT_FIELDS)
            for field in dataclasses.fields(value)
        }
        return dataclasses.replace(value, **changes)
    if isinstance(value, tuple):
        return tuple(_walk(item, change, text) for item in value)
    if isinstance(value, list):
        return [_walk(item, change, text) for item in value]
    if isinstance(value, MappingProxyType | dict):
        walked = {key: _walk(item, change, text) for key, item in value.items()}
        return MappingProxyType(walked) if isinstance(value, MappingProxyType) else walked
    return value


def _is_lazy(value: object) -> bool:
    return type(value).__name__ == "__proxy__"
