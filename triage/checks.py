"""System checks for the clinical rule table.

A table past its review date must not ship unnoticed, but it must not block unrelated work either: `check`
warns, and `check --deploy` (run before every release, see docs/deploy.md) refuses.
"""

from __future__ import annotations

import datetime

from django.core.checks import Error, Warning, register

from triage.rules import RULES

HINT = "A clinician reviews triage/rules.yaml and moves meta.last_reviewed and meta.review_due forward."


def _overdue(today: datetime.date | None = None) -> bool:
    return (today or datetime.date.today()) > RULES.review_due


@register("triage")
def rules_review_due(app_configs, **kwargs):
    if not _overdue():
        return []
    return [Warning(f"The clinical rules were due for review on {RULES.review_due}.", hint=HINT, id="triage.W001")]


@register("triage", deploy=True)
def rules_reviewed_before_deploy(app_configs, **kwargs):
    if not _overdue():
        return []
    return [
        Error(
            f"The clinical rules were due for review on {RULES.review_due}; do not deploy them unreviewed.",
            hint=HINT,
            id="triage.E001",
        )
    ]
