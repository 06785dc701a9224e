"""Turn an engine outcome into what a patient or an API client receives.

The engine is pure and knows nothing of Django; this module adds what only the site knows: the emergency number
setting and the address of each cause's published article.
"""

from __future__ import annotations

import logging
import re
from dataclasses import dataclass

from django.db import DatabaseError
from django.urls import reverse

from education.caching import published_cause_articles
from site_config import regions
from triage.engine import Outcome
from triage.rules import DOCTOR_TOKEN

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LinkedCause:
    key: str
    title: str
    url: str
    reasons: tuple[str, ...]


RULE_TOKEN = re.compile(r"\{([A-Za-z_]+)\}")


def personalise(text: str, clinic=None) -> str:
    """Fill in the region's words (the emergency number among them) and who to see: the clinic that shared the
    self-check, or the patient's own doctor."""

    def doctor(name: str) -> str | None:
        if name != DOCTOR_TOKEN.strip("{}"):
            return None
        return clinic.name if clinic is not None else regions.word("your_doctor")

    return regions.fill(str(text), RULE_TOKEN, extra=doctor)


def linked_causes(outcome: Outcome) -> list[LinkedCause]:
    """Each cause with a link to its article, or to the list of causes while that article is not published."""
    try:
        articles = published_cause_articles()
    except DatabaseError:
        # The advice never waits for the database: without it, each cause links to the list of causes.
        logger.warning("Article links left out of a self-check outcome: the database is unavailable.")
        articles = {}
    fallback = reverse("education:article_list")
    return [
        LinkedCause(
            key=cause.key,
            title=str(cause.title),
            url=reverse("education:article", kwargs={"slug": articles[cause.key]})
            if cause.key in articles
            else fallback,
            reasons=tuple(personalise(reason) for reason in cause.reasons),
        )
        for cause in outcome.causes
    ]


def outcome_json(outcome: Outcome) -> dict:
    """The API's answer, exactly as the self-check contract describes it."""
    return {
        "urgency": outcome.urgency,
        "headline": personalise(outcome.headline),
        "advice": personalise(outcome.advice),
        "causes": [
            {"key": c.key, "title": c.title, "url": c.url, "reasons": list(c.reasons)} for c in linked_causes(outcome)
        ],
        "disclaimer": personalise(outcome.disclaimer),
    }
