"""The words a patient knows where they live, from one table.

One text serves both regions: articles write `{{ emergency_department }}` and the self-check's rules
`{emergency_department}` where the US and the UK say different things, and SITE_REGION picks the words. Spelling
follows the region too: English text is written in US spelling and sent in British spelling from a UK site.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from typing import Any, TypeVar

from django.conf import settings
from django.utils.functional import Promise
from django.utils.translation import gettext_lazy as _

EMERGENCY_NUMBERS = {"us": "911", "gb": "999"}

WORDS: dict[str, dict[str, str | Promise]] = {
    "emergency_department": {"us": _("the emergency room"), "gb": _("A&E")},
    "your_doctor": {"us": _("your doctor"), "gb": _("your GP")},
    "acetaminophen": {"us": _("acetaminophen (Tylenol)"), "gb": _("paracetamol")},
    "same_day_help": {
        "us": _("If you cannot see a doctor today, go to an urgent care center."),
        "gb": _("If you cannot see a GP today, call NHS 111 or go to 111.nhs.uk."),
    },
    "not_sure_help": {
        "us": _("If you are not sure what to do, call your doctor's office or a nurse advice line."),
        "gb": _("If you are not sure what to do, call NHS 111 or go to 111.nhs.uk."),
    },
}
# The health service's own pages a patient can turn to, shown beside the site's advice.
HEALTH_SERVICE = {
    "us": (_("MedlinePlus, from the US National Library of Medicine"), "https://medlineplus.gov/"),
    "gb": (_("NHS 111 online"), "https://111.nhs.uk/"),
}
# Sources whose address ends in one of these are the region's own, listed first.
SOURCE_DOMAINS = {
    "us": (".gov", "aaos.org", "mayoclinic.org", "cdc.gov", "nih.gov"),
    "gb": ("nhs.uk", "nice.org.uk", "gov.uk"),
}

# US spelling on the left, British on the right; only words the site's texts use, and whole words only.
SPELLINGS = {
    "anemia": "anaemia", "anesthetic": "anaesthetic", "behavior": "behaviour", "center": "centre",
    "centered": "centred", "color": "colour", "colored": "coloured", "colors": "colours",
    "diarrhea": "diarrhoea", "edema": "oedema", "esophagus": "oesophagus", "estrogen": "oestrogen",
    "favorite": "favourite", "fiber": "fibre", "fibers": "fibres", "gray": "grey", "hematoma": "haematoma",
    "hemorrhage": "haemorrhage", "ischemia": "ischaemia", "leukemia": "leukaemia", "meter": "metre",
    "meters": "metres", "necrotizing": "necrotising", "orthopedic": "orthopaedic", "pediatric": "paediatric",
    "paresthetica": "paraesthetica", "paresthesia": "paraesthesia", "recognize": "recognise",
    "tumor": "tumour", "tumors": "tumours", "pajamas": "pyjamas",
}  # fmt: skip
# Not inside an address or a slug: a hyphen or slash on either side leaves the word alone.
_WORD = re.compile(r"(?<![\w/-])(" + "|".join(sorted(SPELLINGS, key=len, reverse=True)) + r")(?![\w/-])", re.I)
T = TypeVar("T")
_TOKEN = re.compile(r"\{\{\s*([A-Za-z_]+)\s*\}\}")


def region() -> str:
    return str(settings.SITE_REGION)


def word(name: str) -> str:
    """The region's words for a token; a capitalised name (`Your_doctor`) starts a sentence."""
    key = name.lower()
    if key == "emergency_number":
        return str(settings.EMERGENCY_NUMBER)
    value = str(WORDS[key][region()])
    return value[:1].upper() + value[1:] if name[:1].isupper() else value


def is_word(name: str) -> bool:
    return name.lower() == "emergency_number" or name.lower() in WORDS


def fill(text: str, pattern: re.Pattern[str] = _TOKEN, extra: Callable[[str], str | None] | None = None) -> str:
    """Replace each known token in the text with the region's words; unknown tokens are left as written."""

    def replace(match: re.Match[str]) -> str:
        name = match.group(1)
        if extra is not None and (value := extra(name)) is not None:
            return value
        return word(name) if is_word(name) else match.group(0)

    return pattern.sub(replace, text)


def british(text: str) -> str:
    def respell(match: re.Match[str]) -> str:
        found = match.group(1)
        uk = SPELLINGS[found.lower()]
        return uk[:1].upper() + uk[1:] if found[:1].isupper() else uk

    return _WORD.sub(respell, text)


# Text a reader sees: between tags, outside these elements (an editor's own text in a form is never changed).
_SKIPPED = re.compile(r"(<(script|style|textarea|pre|code)\b.*?</\2>|<[^>]*>)", re.S | re.I)


class SpellingMiddleware:
    """On a UK site, English pages and API answers in British spelling, whatever wrote them: articles, the
    self-check's rules and questions, and templates. One pass over what is sent, so no text can miss it."""

    def __init__(self, get_response: Callable[..., Any]) -> None:
        self.get_response = get_response

    def __call__(self, request: Any) -> Any:
        response = self.get_response(request)
        if (
            settings.SITE_REGION != "gb"
            or response.streaming
            or request.path.startswith(f"/{settings.ADMIN_PATH}")
            or not response.get("Content-Language", "en").startswith("en")
        ):
            return response
        kind = response.get("Content-Type", "")
        if kind.startswith("text/html"):
            # split() gives text, a skipped element and its tag name in turn; the names are not part of the page.
            parts = _SKIPPED.split(response.content.decode())
            texts, skipped = parts[::3], [*parts[1::3], ""]
            response.content = "".join(british(text) + kept for text, kept in zip(texts, skipped, strict=True)).encode()
        elif kind.startswith("application/json"):
            response.content = british(response.content.decode()).encode()
        return response


def sources_first(sources: list[T], url: Callable[[T], str]) -> list[T]:
    """The region's own sources first, the rest in their written order."""
    own = SOURCE_DOMAINS[region()]
    return sorted(sources, key=lambda source: not _host(url(source)).endswith(own))


def _host(address: str) -> str:
    return address.split("//", 1)[-1].split("/", 1)[0].lower()
