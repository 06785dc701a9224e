"""Load the starter articles kept as Markdown files with front matter in `content/articles/`.

Loading is idempotent: a missing article is created, an article the loader made and nobody has touched since is
brought up to date with its file, and an article that staff have edited (or made themselves) is left alone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass, field
from pathlib import Path

import frontmatter
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError
from django.db import transaction

from education.codes import normalise_icd10
from education.models import Article, Source
from site_config.links import WEB_URL

CONTENT_DIR = settings.BASE_DIR / "content" / "articles"

SCALAR_FIELDS = {
    # front matter key: model field
    "title": "title",
    "summary": "summary",
    "cause_key": "cause_key",
    "display_order": "display_order",
    "last_reviewed": "last_reviewed",
    "reviewer_name": "reviewer_name",
    "reviewer_credentials": "reviewer_credentials",
    "status": "status",
}
COMPARE_FIELDS = ["starts", "legs", "feels", "worse", "urgency"]


class ContentError(Exception):
    pass


@dataclass
class StarterArticle:
    slug: str
    fields: dict
    sources: list[tuple[str, str]]
    related: list[str]


@dataclass
class LoadReport:
    created: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: list[str] = field(default_factory=list)
    kept_staff_edits: list[str] = field(default_factory=list)


def read_file(path: Path) -> StarterArticle:
    try:
        post = frontmatter.load(path)
    except (yaml.YAMLError, UnicodeDecodeError) as error:
        raise ContentError(f"{path.name}: the front matter is not valid YAML ({error}).") from None
    meta = post.metadata
    missing = [key for key in ("title", "slug", "summary") if not meta.get(key)]
    if missing:
        raise ContentError(f"{path.name}: front matter lacks {', '.join(missing)}.")
    fields = {model: meta[key] for key, model in SCALAR_FIELDS.items() if key in meta}
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields["cause_key"] = fields.get("cause_key") or ""
    fields["body"] = post.content.strip() + "\n"
    fields["icd10_codes"] = ", ".join(meta.get("icd10_codes", []))
    fields["synonyms"] = "\n".join(meta.get("synonyms", []))
    for key in COMPARE_FIELDS:
        fields[f"compare_{key}"] = meta.get("compare", {}).get(key, "")
    if isinstance(fields.get("last_reviewed"), str):
        fields["last_reviewed"] = datetime.date.fromisoformat(fields["last_reviewed"])
    sources = [(source["title"], source["url"]) for source in meta.get("sources", [])]
    for _title, url in sources:
        try:
            WEB_URL(url)
        except ValidationError:
            raise ContentError(f"{path.name}: the source address {url!r} is not an http or https link.") from None
    return StarterArticle(slug=meta["slug"], fields=fields, sources=sources, related=list(meta.get("related", [])))


def read_directory(directory: Path = CONTENT_DIR) -> list[StarterArticle]:
    return [read_file(path) for path in sorted(directory.glob("*.md"))]


def _differs(article: Article, item: StarterArticle) -> bool:
    probe = Article(**item.fields)
    if any(getattr(article, name) != getattr(probe, name) for name in item.fields if name != "icd10_codes"):
        return True
    if article.codes != [normalise_icd10(code) for code in probe.codes]:
        return True
    current_sources = [(s.title, s.url) for s in article.sources.all()]
    current_related = sorted(article.related.values_list("slug", flat=True))
    return current_sources != item.sources or current_related != sorted(item.related)


def _write(article: Article, item: StarterArticle) -> None:
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
    article.sources.all().delete()
    Source.objects.bulk_create(
        Source(article=article, title=title, url=url, order=index) for index, (title, url) in enumerate(item.sources)
    )


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
