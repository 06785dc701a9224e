"""'Was this page helpful?': counts per article per month, and nothing else.

A reader's answer adds one to a counter. No free text, no address, no cookie and nothing about their health is
kept; the reasons are a short fixed list. Staff see the counts beside each article, and the review report names
the pages readers most often found unhelpful.
"""

from __future__ import annotations

import datetime

from django.db import models, transaction
from django.db.models import F, Sum
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

REASONS = {
    "hard": _("It was hard to understand"),
    "missing": _("Something I needed was missing"),
    "wrong": _("Something looked wrong"),
    "other": _("Something else"),
}
# A page is named in the review report when at least this many readers in the last three months said no, and they
# were at least this share of those who answered.
MANY_NOES = 5
SHARE_OF_NOES = 0.4


class FeedbackCount(models.Model):
    article = models.ForeignKey("education.Article", on_delete=models.CASCADE, related_name="feedback")
    month = models.DateField(help_text="The first day of the month counted.")
    helpful = models.PositiveIntegerField(default=0)
    not_helpful = models.PositiveIntegerField(default=0)
    hard = models.PositiveIntegerField("hard to understand", default=0)
    missing = models.PositiveIntegerField("missing something", default=0)
    wrong = models.PositiveIntegerField("looked wrong", default=0)
    other = models.PositiveIntegerField("something else", default=0)

    class Meta:
        constraints = [models.UniqueConstraint(fields=["article", "month"], name="one_count_per_article_month")]
        ordering = ["-month"]

    def __str__(self):
        return f"{self.month:%B %Y}: {self.helpful} yes, {self.not_helpful} no"


def this_month() -> datetime.date:
    return timezone.localdate().replace(day=1)


def count(article, field: str) -> None:
    """Add one to this month's count of `field` (helpful, not_helpful or a reason key)."""
    with transaction.atomic():
        row, _created = FeedbackCount.objects.get_or_create(article=article, month=this_month())
        FeedbackCount.objects.filter(pk=row.pk).update(**{field: F(field) + 1})


def unhelpful_pages(today: datetime.date | None = None) -> list[tuple[object, int, int]]:
    """(article, noes, answers) for pages many readers found unhelpful in the last three months, worst first."""
    today = today or timezone.localdate()
    since = (today.replace(day=1) - datetime.timedelta(days=62)).replace(day=1)
    totals = (
        FeedbackCount.objects.filter(month__gte=since)
        .values("article")
        .annotate(noes=Sum("not_helpful"), yeses=Sum("helpful"))
        .filter(noes__gte=MANY_NOES)
    )
    from education.models import Article

    found = []
    for row in totals:
        answers = row["noes"] + row["yeses"]
        if row["noes"] >= SHARE_OF_NOES * answers:
            found.append((Article.objects.get(pk=row["article"]), row["noes"], answers))
    return sorted(found, key=lambda item: -item[1] / item[2])
