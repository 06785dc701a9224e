"""One file format for an article: Markdown with YAML front matter, readable and diffable without the site.

The starter articles in `content/articles/` and the files `export_content` writes are the same format, so a starter
file is an export and an export can become starter content. Only the title, slug and summary are required; a file
without a status is published, and one without review dates has none. A translation names its English article
(`translation_of`) instead of a slug, in a folder named for its language (`content/articles/es/`), and holds only
what it translates.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import frontmatter
import yaml
from django.conf import settings
from django.core.exceptions import ValidationError

from education.codes import SNOMED
from education.models import Article
from site_config.links import WEB_URL

COMPARE_PARTS = ("starts", "legs", "feels", "worse", "urgency")
# Front matter keys that are model fields of the same name, in the order a file shows them.
PLAIN_FIELDS = (
    "title", "summary", "status", "cause_key", "display_order", "area", "reviewer_name", "reviewer_credentials",
)  # fmt: skip
DATE_FIELDS = ("last_reviewed", "next_review_due")


class ContentError(Exception):
    pass


@dataclass
class ArticleFile:
    slug: str
    fields: dict  # model field name to value, the body included
    sources: list[tuple[str, str]]
    related: list[str]
    draft_of: str | None
    language: str = settings.LANGUAGE_CODE
    translation_of: str | None = None

    @property
    def name(self) -> str:
        """As a report names it: the slug, with the language of a translation."""
        return self.slug if self.language == settings.LANGUAGE_CODE else f"{self.language}/{self.slug}"


def path_for(article: Article) -> str:
    """Where an article's file goes, within a folder of articles."""
    folder = "" if article.language == settings.LANGUAGE_CODE else f"{article.language}/"
    return f"{folder}{article.slug}.md"


def dumps(article: Article) -> str:
    meta: dict = {"title": article.title, "slug": article.slug}
    if article.translation_of_id:
        meta.update(language=article.language, translation_of=article.translation_of.slug)
    meta.update({name: getattr(article, name) for name in PLAIN_FIELDS[1:]})
    meta["icd10_codes"] = article.codes
    meta["snomed_codes"] = article.codes_in(SNOMED)
    meta["synonyms"] = article.synonym_list
    meta.update({name: getattr(article, name) for name in DATE_FIELDS})
    meta["published_at"] = article.published_at.isoformat() if article.published_at else None
    meta["draft_of"] = article.draft_of.slug if article.draft_of else None
    meta["related"] = sorted(a.slug for a in article.related.all())
    meta["compare"] = {part: getattr(article, f"compare_{part}") for part in COMPARE_PARTS}
    meta["sources"] = [{"title": s.title, "url": s.url} for s in article.sources.all()]
    if article.translation_of_id:
        meta["translated_from"] = article.translated_from
    return frontmatter.dumps(frontmatter.Post(article.body, **meta), sort_keys=False) + "\n"


def loads(text: str, name: str, language: str = settings.LANGUAGE_CODE) -> ArticleFile:
    """The article a file describes; ContentError, naming the file, when it cannot be read. A file's own
    `language` overrides the one its folder gives."""
    try:
        post = frontmatter.loads(text)
    except yaml.YAMLError as error:
        raise ContentError(f"{name}: the front matter is not valid YAML ({error}).") from None
    meta = post.metadata
    if meta.get("translation_of"):
        meta.setdefault("slug", meta["translation_of"])
    missing = [key for key in ("title", "slug", "summary") if not meta.get(key)]
    if missing:
        raise ContentError(f"{name}: front matter lacks {', '.join(missing)}.")
    fields = {key: meta[key] for key in PLAIN_FIELDS if meta.get(key) is not None}
    fields.setdefault("status", Article.Status.PUBLISHED)
    fields.setdefault("cause_key", "")
    fields.setdefault("area", "")
    fields["body"] = post.content.strip() + "\n"
    if meta.get("translated_from"):
        fields["translated_from"] = meta["translated_from"]
    fields["icd10_codes"] = ", ".join(meta.get("icd10_codes") or [])
    # Unquoted in YAML, a SNOMED CT code is read as a number.
    fields["snomed_codes"] = ", ".join(str(code) for code in meta.get("snomed_codes") or [])
    fields["synonyms"] = "\n".join(meta.get("synonyms") or [])
    for part in COMPARE_PARTS:
        fields[f"compare_{part}"] = (meta.get("compare") or {}).get(part) or ""
    for key in DATE_FIELDS:
        if meta.get(key) is not None:
            fields[key] = _date(meta[key], name, key)
    if meta.get("published_at"):
        fields["published_at"] = datetime.datetime.fromisoformat(str(meta["published_at"]))
    sources = [(source["title"], source["url"]) for source in meta.get("sources") or []]
    for _title, url in sources:
        try:
            WEB_URL(url)
        except ValidationError:
            raise ContentError(f"{name}: the source address {url!r} is not an http or https link.") from None
    return ArticleFile(
        slug=meta["slug"],
        fields=fields,
        sources=sources,
        related=list(meta.get("related") or []),
        draft_of=meta.get("draft_of"),
        language=meta.get("language") or language,
        translation_of=meta.get("translation_of"),
    )


def _date(value, name: str, key: str) -> datetime.date:
    if isinstance(value, datetime.date):
        return value
    try:
        return datetime.date.fromisoformat(str(value))
    except ValueError:
        raise ContentError(f"{name}: {key} must be a date like 2026-11-20, not {value!r}.") from None
