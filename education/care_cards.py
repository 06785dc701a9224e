"""Care cards in article Markdown, kept in step with the self-check.

An article's emergency and urgent cards list warning signs by key, `{{ sign:swollen_calf }}`, and the key is
replaced by the sign's words from the self-check's one list (`warning_signs` in `triage/rules.yaml`). So the
self-check, the home page and every article say the same thing in the same words, and a sign can only sit in a
card of the urgency the self-check gives it.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass

from triage.rules import RULES

SIGN_TOKEN = re.compile(r"\{\{\s*sign:\s*([a-z0-9_]+)\s*\}\}")
CARD_START = re.compile(r"^!!!\s+([A-Za-z_]+)")
BULLET = re.compile(r"^(?: {4}|\t)\s*[-*+]\s+(.*?)\s*$")
# The cards whose every line must come from the shared list.
SIGN_ONLY_LEVELS = {"emergency": "emergency", "urgent": "see a doctor today"}


def fill_signs(source: str) -> str:
    """Replace each sign token with the sign's words; an unknown key is left for `problems()` to report."""

    def words(match: re.Match[str]) -> str:
        sign = RULES.warning_signs.get(match.group(1))
        return str(sign.text) if sign else match.group(0)

    return SIGN_TOKEN.sub(words, source)


def sign_slots(source: str) -> str:
    """Mark each known sign's place, for `education.rendering.fill_slots` to fill in when the page is shown."""

    def slot(match: re.Match[str]) -> str:
        return f"[[sign:{match.group(1)}]]" if match.group(1) in RULES.warning_signs else match.group(0)

    return SIGN_TOKEN.sub(slot, source)


def sign_text(key: str) -> str:
    return str(RULES.warning_signs[key].text)


@dataclass(frozen=True)
class CardLine:
    number: int  # 1-based, as an editor counts lines
    level: str
    text: str


def card_lines(source: str) -> Iterator[CardLine]:
    """Each bullet inside a care card, with the card's level."""
    level = None
    for number, line in enumerate(source.splitlines(), start=1):
        start = CARD_START.match(line)
        if start:
            level = start.group(1)
            continue
        if level and line.strip() and not line.startswith(("    ", "\t")):
            level = None
        bullet = BULLET.match(line) if level else None
        if bullet and level:
            yield CardLine(number, level, bullet.group(1))


def problems(source: str) -> list[str]:
    """What stops the article's care cards agreeing with the self-check, each naming its line."""
    found = []
    for line in card_lines(source):
        for key in SIGN_TOKEN.findall(line.text):
            sign = RULES.warning_signs.get(key)
            if sign is None:
                found.append(f"Line {line.number}: there is no warning sign called '{key}'. {_choices()}")
            elif sign.urgency != line.level:
                found.append(
                    f"Line {line.number}: the self-check treats '{key}' as {sign.urgency.replace('_', ' ')}, "
                    f"so it belongs in the {sign.urgency} card, not the {line.level} card."
                )
        if line.level in SIGN_ONLY_LEVELS and not SIGN_TOKEN.fullmatch(line.text):
            found.append(
                f"Line {line.number}: each line of the {SIGN_ONLY_LEVELS[line.level]} card must be one sign from "
                "the shared list, written like {{ sign:swollen_calf }}, so that every page and the self-check say "
                f"the same thing. Put other advice in a sentence after the card. {_choices(line.level)}"
            )
    return found


def sign_keys() -> dict[str, list[str]]:
    """The names of the shared signs, by the card they belong in, for the editor's cheat sheet."""
    keys: dict[str, list[str]] = {}
    for key, sign in RULES.warning_signs.items():
        keys.setdefault(sign.urgency, []).append(key)
    return keys


def _choices(level: str | None = None) -> str:
    keys = sign_keys().get(level, []) if level else list(RULES.warning_signs)
    return f"Signs{' for this card' if level else ''}: {', '.join(keys)}."
