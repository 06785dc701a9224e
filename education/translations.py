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
    return translated


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
