"""Turn an engine outcome into what a patient or an API client receives.

The engine is pure and knows nothing of Django; this module adds what only the site knows: the emergency number
setting and the address of each cause's published article.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass

from django.conf import settings
from django.db import DatabaseError
from django.urls import reverse

from education.caching import published_cause_articles
from triage.engine import Outcome
from triage.rules import DOCTOR_TOKEN, EMERGENCY_NUMBER_TOKEN

logger = logging.getLogger(__name__)


@dataclass(frozen=True)
class LinkedCause:
    key: str
    title: str
    url: str
    reasons: tuple[str, ...]


def with_number(text: str) -> str:
    return text.replace(EMERGENCY_NUMBER_TOKEN, settings.EMERGENCY_NUMBER)


def personalise(text: str, clinic=None) -> str:
    """Fill in the emergency number and, when a clinic shared the self-check, the clinic's name."""
    return with_number(text).replace(DOCTOR_TOKEN, clinic.name if clinic is not None else "your doctor")


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
            title=cause.title,
            url=reverse("education:article", kwargs={"slug": articles[cause.key]})
            if cause.key in articles
            else fallback,
            reasons=cause.reasons,
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
