"""Which articles: what the public sees, by code, by review date, and ranked for a search."""

from __future__ import annotations

import datetime

from django.conf import settings
from django.contrib.postgres.search import SearchQuery, SearchRank, SearchVector
from django.db import connection, models
from django.db.models import Case, IntegerField, Q, Value, When
from django.utils import timezone

from education.codes import CodeSystem, system_of


class ArticleQuerySet(models.QuerySet):
    def published(self):
        """The one rule for what the public sees, used by every public view, the sitemap and search: the articles
        themselves, in English; a translation stands in for its article (education/translations.py)."""
        return self.live().filter(language=settings.LANGUAGE_CODE)

    def live(self):
        return self.filter(status=self.model.Status.PUBLISHED, published_at__lte=timezone.now())

    def for_code(self, code: str, system: CodeSystem | None = None) -> list:
        """Articles for a code: an exact match, else (ICD-10) its nearest parent's, else those filed under it. The
        code's own form tells its system when none is given."""
        system = system or system_of(code)
        candidates = system.candidates(code)
        if not candidates:
            return []
        articles = list(self)
        for candidate in candidates:
            hits = [a for a in articles if candidate in a.codes_in(system)]
            if hits:
                return hits
        if not system.has_parents:
            return []
        return [a for a in articles if any(c.startswith(candidates[0]) for c in a.codes_in(system))]

    def review_overdue(self, today: datetime.date):
        return self.filter(next_review_due__lt=today).exclude(status=self.model.Status.ARCHIVED)

    def review_due_soon(self, today: datetime.date, days: int = 30):
        window = (today, today + datetime.timedelta(days=days))
        return self.filter(next_review_due__range=window).exclude(status=self.model.Status.ARCHIVED)

    def search(self, query: str):
        """Published-or-not filtering is the caller's; this ranks matches, best first."""
        if not query.split():
            return self.none()
        if connection.vendor == "postgresql":
            return self._full_text_search(query)
        return self._substring_search(query)

    def _full_text_search(self, query: str):
        # Weighted so a match in the title or the words patients use outranks one deep in the body.
        vector = (
            SearchVector("title", weight="A", config="english")
            + SearchVector("synonyms", weight="A", config="english")
            + SearchVector("summary", weight="B", config="english")
            + SearchVector("body", weight="C", config="english")
        )
        search_query = SearchQuery(query, search_type="websearch", config="english")
        return (
            self.annotate(rank=SearchRank(vector, search_query))
            .filter(Q(rank__gt=0) | Q(title__icontains=query) | Q(synonyms__icontains=query))
            .order_by("-rank", "display_order", "title")
        )

    def _substring_search(self, query: str):
        matches = Q()
        for word in query.split():
            matches &= (
                Q(title__icontains=word)
                | Q(summary__icontains=word)
                | Q(synonyms__icontains=word)
                | Q(body__icontains=word)
            )
        rank = Case(
            When(title__icontains=query, then=Value(0)),
            When(synonyms__icontains=query, then=Value(1)),
            When(summary__icontains=query, then=Value(2)),
            default=Value(3),
            output_field=IntegerField(),
        )
        return self.filter(matches).annotate(rank=rank).order_by("rank", "display_order", "title")
