"""Load the starter articles kept as Markdown files with front matter in `content/articles/`.

Loading is idempotent: a missing article is created, an article the loader made and nobody has touched since is
brought up to date with its file, and an article that staff have edited (or made themselves) is left alone.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from education.article_files import ArticleFile, ContentError, loads
from education.codes import normalise_icd10
from education.models import Article
from education.pictures import Picture, store
from education.translations import bring_up_to_date

CONTENT_DIR = settings.BASE_DIR / "content" / "articles"
PICTURES_DIR = settings.BASE_DIR / "content" / "pictures"
__all__ = ["CONTENT_DIR", "ContentError", "LoadReport", "load_articles", "load_pictures", "read_directory", "read_file"]


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_staff_edits: list[str] = field(default_factory=list)


def read_file(path: Path, language: str = settings.LANGUAGE_CODE) -> ArticleFile:
    try:
        text = path.read_text(encoding="utf-8")
    except UnicodeDecodeError:
        raise ContentError(f"{path.name}: the file is not UTF-8 text.") from None
    return loads(text, path.name, language)


def read_directory(directory: Path = CONTENT_DIR) -> list[ArticleFile]:
    """The English articles, then each language's translations from its own folder."""
    files = [read_file(path) for path in sorted(directory.glob("*.md"))]
    for code, _name in settings.LANGUAGES:
        if code != settings.LANGUAGE_CODE:
            files += [read_file(path, code) for path in sorted((directory / code).glob("*.md"))]
    return files


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
    article.language = item.language
    if item.translation_of:
        article.translation_of = Article.objects.filter(
            slug=item.translation_of, language=settings.LANGUAGE_CODE, draft_of=None
        ).first()
        if article.translation_of is None:
            raise ContentError(f"{item.name}: no English article {item.translation_of!r} to translate.")
        if not article.translated_from:
            bring_up_to_date(article)
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
        article = Article.objects.filter(slug=item.slug, language=item.language, draft_of=None).first()
        if article is None:
            article = Article()
            _write(article, item)
            report.created.append(item.name)
            to_link.append((article, item))
        elif not article.loaded_fingerprint or article.content_fingerprint() != article.loaded_fingerprint:
            report.kept_staff_edits.append(item.name)
        elif _differs(article, item):
            _write(article, item)
            report.updated.append(item.name)
            to_link.append((article, item))
        else:
            report.unchanged.append(item.name)
    english = Article.objects.filter(language=settings.LANGUAGE_CODE, draft_of=None)
    by_slug = {a.slug: a for a in english.filter(slug__in={s for _, i in to_link for s in i.related})}
    for article, item in to_link:
        unknown = [slug for slug in item.related if slug not in by_slug]
        if unknown:
            raise ContentError(f"{item.slug}: related articles not found: {', '.join(unknown)}.")
        article.related.set([by_slug[slug] for slug in item.related])
        Article.objects.filter(pk=article.pk).update(loaded_fingerprint=article.content_fingerprint())
    return report


def load_pictures(directory: Path = PICTURES_DIR) -> list[str]:
    """The starter diagrams (an SVG and a YAML file of its words each, named for the article): a missing one is
    added; one that exists is left as staff have it. Returns the keys added."""
    added = []
    for path in sorted(directory.glob("*.svg")):
        if Picture.objects.filter(key=path.stem).exists():
            continue
        try:
            words = yaml.safe_load(path.with_suffix(".yaml").read_text(encoding="utf-8"))
            stored, width, height = store(path.name, path.read_bytes())
        except (OSError, yaml.YAMLError, ValidationError) as error:
            raise ContentError(f"{path.name}: {error}") from None
        fields = {f"{name}{'' if language == 'en' else '_' + language}": words[name][language]
                  for name in ("alt", "caption", "description") for language in ("en", "es")}  # fmt: skip
        Picture.objects.create(key=path.stem, image=stored, width=width, height=height, **fields)
        added.append(path.stem)
    return added
