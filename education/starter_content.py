"""Load the starter articles kept as Markdown files with front matter in `content/articles/`.

Loading is idempotent: a missing article is created, an article the loader made and nobody has touched since is
brought up to date with its file, and an article that staff have edited (or made themselves) is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from education.article_files import ArticleFile, ContentError, loads
from education.codes import normalise_icd10
from education.models import Article

CONTENT_DIR = settings.BASE_DIR / "content" / "articles"
__all__ = ["CONTENT_DIR", "ContentError", "LoadReport", "load_articles", "read_directory", "read_file"]


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_staff_edits: list[str] = field(default_factory=list)


def read_file(path: Path) -> ArticleFile:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(f"{path.name}: the file is not UTF-8 text.") from None
    return loads(text, path.name)


def read_directory(directory: Path = CONTENT_DIR) -> list[ArticleFile]:
    return [read_file(path) for path in sorted(directory.glob("*.md"))]


def _differs(article: Article, item: ArticleFile) -> bool:
    probe = Article(**item.fields)
    if any(getattr(article, name) != getattr(probe, name) for name in item.fields if name != "icd10_codes"):
        return True
    if article.codes != [normalise_icd10(code) for code in probe.codes]:
        return True
    current_sources = [(s.title, s.url) for s in article.sources.all()]
    current_related = sorted(article.related.values_list("slug", flat=True))
    return current_sources != item.sources or current_related != sorted(item.related)


def _write(article: Article, item: ArticleFile) -> None:
    for name, value in item.fields.items():
        setattr(article, name, value)
    article.slug = item.slug
    if article.last_reviewed is not None and article.next_review_due is not None:
        article.next_review_due = None  # recomputed from the new review date
    try:
        article.full_clean(exclude=["related"], validate_unique=False)
    except ValidationError as error:
        raise ContentError(f"{item.slug}: {error.message_dict}") from None
    article.save()
    article.replace_sources(item.sources)


@transaction.atomic
def load_articles(directory: Path = CONTENT_DIR) -> LoadReport:
    items = read_directory(directory)
    report = LoadReport()
    to_link = []
    for item in items:
        article = Article.objects.filter(slug=item.slug).first()
        if article is None:
            article = Article()
            _write(article, item)
            report.created.append(item.slug)
            to_link.append((article, item))
        elif not article.loaded_fingerprint or article.content_fingerprint() != article.loaded_fingerprint:
            report.kept_staff_edits.append(item.slug)
        elif _differs(article, item):
            _write(article, item)
            report.updated.append(item.slug)
            to_link.append((article, item))
        else:
            report.unchanged.append(item.slug)
    by_slug = {a.slug: a for a in Article.objects.filter(slug__in={s for _, i in to_link for s in i.related})}
    for article, item in to_link:
        unknown = [slug for slug in item.related if slug not in by_slug]
        if unknown:
            raise ContentError(f"{item.slug}: related articles not found: {', '.join(unknown)}.")
        article.related.set([by_slug[slug] for slug in item.related])
        Article.objects.filter(pk=article.pk).update(loaded_fingerprint=article.content_fingerprint())
    return report
