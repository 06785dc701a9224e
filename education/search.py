"""Search that finds the page a patient means, whether they spell it right or not.

The database search (full text on PostgreSQL, words in any field on SQLite) answers first. When it finds nothing,
rapidfuzz compares the query with every published article's title and the words patients use for it (its
synonyms), so "siatica" finds Sciatica and "varicos vains" finds Varicose veins, on either database, and the page
offers the nearest title or synonym as "Did you mean …?". The phrases are read once per content version in each
worker, so a forgiving search costs no query beyond fetching the pages found.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass, field

from django.conf import settings
from django.core.cache import caches
from rapidfuzz import fuzz, process, utils

from education.caching import PAGE_TIMEOUT, content_version
from education.codes import split_list
from education.models import Article
from education.translations import current_language

# How alike (0 to 100) a query and a title or synonym must be to count; below this, guesses turn into noise.
CLOSE_ENOUGH = 80
SHOWN = ("title", "slug", "summary", "language")


@dataclass
class Found:
    articles: list[Article] = field(default_factory=list)
    did_you_mean: str = ""  # the nearest title or synonym, when the words as typed matched nothing


def search(query: str) -> Found:
    language = current_language()
    found = _database_search(query, language)
    fit = _fit(query, language)
    if any(article.slug in fit for article in found):
        # A page whose title or synonym is the patient's words, or holds all of them, comes first.
        return Found(sorted(found, key=lambda article: fit.get(article.slug, 2)))
    hits = _near(query, language)
    if not hits:
        return Found(found)
    # The words as typed matched nothing well: the pages they are closest to come first.
    by_slug = {article.slug: article for article in _articles([slug for slug, _phrase in hits], language)}
    near = [by_slug[slug] for slug, _phrase in hits if slug in by_slug]
    shown = {article.slug for article in near}
    return Found(near + [article for article in found if article.slug not in shown], did_you_mean=hits[0][1])


def _fit(query: str, language: str) -> dict[str, int]:
    """0 for a page with a title or synonym that is the query, 1 for one that has every word of it (as the start
    of a word: "lung" fits "lungs")."""
    words = plain(query).split()
    fit: dict[str, int] = {}
    for _phrase, plain_phrase, slug in _phrases(language):
        if plain_phrase == " ".join(words):
            fit[slug] = 0
        elif words and all(any(w.startswith(word) for w in plain_phrase.split()) for word in words):
            fit.setdefault(slug, 1)
    return fit


def _database_search(query: str, language: str) -> list[Article]:
    """Matches in the reader's language first, then English articles not yet translated."""
    found = list(Article.objects.live().filter(language=language, draft_of=None).search(query).only(*SHOWN))
    if language != settings.LANGUAGE_CODE:
        covered = {article.slug for article in found}
        found += [article for article in Article.objects.published().search(query).only(*SHOWN)
                  if article.slug not in covered]  # fmt: skip
    return found


def _near(query: str, language: str) -> list[tuple[str, str]]:
    """(slug, the phrase it matched) for each article close enough, closest first."""
    phrases = _phrases(language)
    matches = process.extract(
        plain(query), [plain_phrase for _phrase, plain_phrase, _slug in phrases], scorer=fuzz.WRatio,
        score_cutoff=CLOSE_ENOUGH, limit=30,
    )  # fmt: skip
    best: dict[str, tuple[float, str]] = {}
    for _plain, score, index in matches:
        phrase, _plain_phrase, slug = phrases[index]
        if slug not in best or score > best[slug][0]:
            best[slug] = (score, phrase)
    ranked = sorted(best.items(), key=lambda item: -item[1][0])
    return [(slug, phrase) for slug, (_score, phrase) in ranked]


def plain(text: str) -> str:
    """Lower case, without punctuation or accents: "Ciática" and "ciatica" are the same word to a patient."""
    return utils.default_process(
        "".join(c for c in unicodedata.normalize("NFKD", text) if not unicodedata.combining(c))
    )


def _phrases(language: str) -> list[tuple[str, str, str]]:
    """(title or synonym, its plain form, slug) for every live article in the language: made once per content
    version, so a search compares plain forms without making them again."""
    key = f"search-phrases:plain:{language}:{content_version()}"
    phrases = caches["pages"].get(key)
    if phrases is None:
        rows = Article.objects.live().filter(language=language, draft_of=None).values_list("slug", "title", "synonyms")
        phrases = [
            (phrase, plain(phrase), slug) for slug, title, synonyms in rows for phrase in [title, *split_list(synonyms)]
        ]
        caches["pages"].set(key, phrases, PAGE_TIMEOUT)
    return phrases


def _articles(slugs: list[str], language: str) -> list[Article]:
    return list(Article.objects.live().filter(language=language, draft_of=None, slug__in=slugs).only(*SHOWN))
