"""Articles in the reader's language.

An article is written in English; a translation is an article of its own that names it (`translation_of`) and goes
through the same draft, review and publishing. On a page in another language, a published translation stands in
for its article, and an article not yet translated is shown in English, marked as such. A translation keeps the
English words it was made from, so staff can see what changed in the English since.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable

from django.conf import settings
from django.db.models import OuterRef, Subquery
from django.utils import translation

from education.models import Article

# What a translation is made from: the words a reader sees.
SOURCE_FIELDS = ("title", "summary", "body")
# What a translation takes from its article as it is now, never a copy of its own.
SHARED_FIELDS = ("cause_key", "icd10_codes", "snomed_codes", "display_order", "area")


def current_language() -> str:
    return translation.get_language() or settings.LANGUAGE_CODE


def localised(articles: Iterable[Article], language: str | None = None) -> list[Article]:
    """Each article in the language, where its translation is published; otherwise the article as it is."""
    articles = list(articles)
    language = language or current_language()
    if language == settings.LANGUAGE_CODE or not articles:
        return articles
    live = Article.objects.live().filter(language=language, translation_of__in=articles)
    by_source = {found.translation_of_id: found for found in live.defer(*Article.LONG_FIELDS)}
    return [_standing_in(by_source[article.pk], article) if article.pk in by_source else article
            for article in articles]  # fmt: skip


def _standing_in(translated: Article, article: Article) -> Article:
    loaded = set(SHARED_FIELDS) - article.get_deferred_fields()
    for field in loaded:
        setattr(translated, field, getattr(article, field))
    translated.translation_of = article  # already at hand: reading it needs no query
    return translated


def with_translation(slug: str, language: str):
    """The published article with this slug and its live translation in the language, in one query (with what the
    caller prefetches); `shown` picks the one to show."""
    return Article.objects.live().filter(slug=slug, language__in={settings.LANGUAGE_CODE, language})


def shown(rows: Iterable[Article], language: str) -> Article | None:
    """From `with_translation`'s rows: the translation standing in for its article, or the article itself; None
    when the article is not published (a translation alone is never shown)."""
    rows = list(rows)
    article = next((row for row in rows if row.language == settings.LANGUAGE_CODE), None)
    translated = next((row for row in rows if row.language == language != settings.LANGUAGE_CODE), None)
    if article is None or translated is None:
        return article
    return _standing_in(translated, article)


def titled_in(articles, language: str):
    """These articles, each carrying its live translation's title and summary in the language (for lists of
    related pages, in the same query); `retitled` puts them in place."""
    if language == settings.LANGUAGE_CODE:
        return articles
    translation = Article.objects.live().filter(translation_of=OuterRef("pk"), language=language)
    return articles.annotate(
        translated_title=Subquery(translation.values("title")[:1]),
        translated_summary=Subquery(translation.values("summary")[:1]),
    )


def retitled(articles: Iterable[Article], language: str) -> list[Article]:
    """Articles from `titled_in`, shown in the language where translated, otherwise as they are."""
    articles = list(articles)
    for article in articles:
        if getattr(article, "translated_title", None):
            article.title, article.summary = article.translated_title, article.translated_summary
            article.language = language
    return articles


def in_language(article: Article, language: str | None = None) -> Article:
    """The article to show on a page in the language: its published translation, or the article itself."""
    language = language or current_language()
    if language == article.language:
        return article
    found = Article.objects.live().filter(language=language, translation_of=article).first()
    return _standing_in(found, article) if found else article


def source_text(article: Article) -> str:
    return "\n".join(f"# {getattr(article, field)}" if field == "title" else getattr(article, field)
                     for field in SOURCE_FIELDS)  # fmt: skip


def english_changes(translated: Article) -> str:
    """What changed in the English article since this translation was last brought up to date, as a unified diff;
    empty when nothing has."""
    if translated.translation_of_id is None:
        return ""
    now = source_text(translated.translation_of).splitlines()
    then = translated.translated_from.splitlines()
    return "\n".join(difflib.unified_diff(then, now, "English when translated", "English now", lineterm=""))


def is_stale(translated: Article) -> bool:
    return bool(english_changes(translated))


def stale_translations() -> list[Article]:
    """Translations, not drafts of them, whose English article has changed since they were brought up to date."""
    candidates = Article.objects.exclude(translation_of=None).filter(draft_of=None).select_related("translation_of")
    return [article for article in candidates if is_stale(article)]


def bring_up_to_date(translated: Article) -> None:
    """Record that the translation now matches the English as it stands."""
    if translated.translation_of_id is not None:
        translated.translated_from = source_text(translated.translation_of)
