"""Export every article (published, drafts and draft revisions) and clinic to plain files, and restore them.

Each article becomes a Markdown file with YAML front matter, readable and diffable without the site; a JSON
manifest lists the files with their checksums, and the clinics. Import restores the database to what was
exported: it creates what is missing and overwrites what differs.
"""

from __future__ import annotations

import datetime
import hashlib
import json
from pathlib import Path

import frontmatter
from django.core.exceptions import ValidationError
from django.db import transaction
from django.utils import timezone

from education.models import Article, Clinic, Source
from site_config.links import WEB_URL

FORMAT_VERSION = 1
ARTICLE_FIELDS = [
    "title", "summary", "status", "cause_key", "display_order", "reviewer_name", "reviewer_credentials",
    "compare_starts", "compare_legs", "compare_feels", "compare_worse", "compare_urgency",
]  # fmt: skip
DATE_FIELDS = ["last_reviewed", "next_review_due"]
CLINIC_FIELDS = ["name", "slug", "phone", "booking_url", "opening_hours", "embed_origins", "active"]


class BackupError(Exception):
    pass


def _article_meta(article: Article) -> dict:
    meta = {"slug": article.slug, **{name: getattr(article, name) for name in ARTICLE_FIELDS}}
    meta.update({name: getattr(article, name).isoformat() if getattr(article, name) else None for name in DATE_FIELDS})
    meta["published_at"] = article.published_at.isoformat() if article.published_at else None
    meta["icd10_codes"] = article.codes
    meta["synonyms"] = article.synonym_list
    meta["draft_of"] = article.draft_of.slug if article.draft_of else None
    meta["related"] = sorted(a.slug for a in article.related.all())
    meta["sources"] = [{"title": s.title, "url": s.url} for s in article.sources.all()]
    return meta


def export_site(directory: Path) -> dict:
    articles_dir = directory / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)
    files = []
    queryset = Article.objects.select_related("draft_of").prefetch_related("related", "sources").order_by("pk")
    for article in queryset:
        text = frontmatter.dumps(frontmatter.Post(article.body, **_article_meta(article)), sort_keys=False) + "\n"
        path = articles_dir / f"{article.slug}.md"
        path.write_text(text, encoding="utf-8")
        files.append({"file": f"articles/{path.name}", "sha256": hashlib.sha256(text.encode()).hexdigest()})
    manifest = {
        "format": FORMAT_VERSION,
        "exported_at": timezone.now().isoformat(),
        "articles": files,
        "clinics": [{name: getattr(c, name) for name in CLINIC_FIELDS} for c in Clinic.objects.order_by("slug")],
    }
    (directory / "manifest.json").write_text(json.dumps(manifest, indent=2, ensure_ascii=False) + "\n")
    return manifest


def _read_manifest(directory: Path) -> dict:
    try:
        manifest = json.loads((directory / "manifest.json").read_text())
    except (OSError, ValueError) as error:
        raise BackupError(f"Cannot read {directory / 'manifest.json'}: {error}") from None
    if manifest.get("format") != FORMAT_VERSION:
        raise BackupError(f"This backup is in format {manifest.get('format')!r}; this site reads {FORMAT_VERSION}.")
    return manifest


def _read_article(directory: Path, entry: dict) -> frontmatter.Post:
    path = directory / entry["file"]
    text = path.read_text(encoding="utf-8")
    if hashlib.sha256(text.encode()).hexdigest() != entry["sha256"]:
        raise BackupError(f"{entry['file']} has changed since it was exported (its checksum does not match).")
    return frontmatter.loads(text)


@transaction.atomic
def import_site(directory: Path) -> dict:
    manifest = _read_manifest(directory)
    posts = [_read_article(directory, entry) for entry in manifest["articles"]]
    # Originals first, so draft revisions can point at them; links once every article exists.
    posts.sort(key=lambda post: post.metadata.get("draft_of") is not None)
    saved = {post["slug"]: _restore_article(post) for post in posts}
    for post in posts:
        article = saved[post["slug"]]
        missing = [slug for slug in post.get("related", []) if slug not in saved]
        if missing:
            raise BackupError(f"{post['slug']}: related articles missing from the backup: {', '.join(missing)}.")
        article.related.set([saved[slug] for slug in post.get("related", [])])
    for data in manifest["clinics"]:
        Clinic.objects.update_or_create(slug=data["slug"], defaults=data)
    return {"articles": len(saved), "clinics": len(manifest["clinics"])}


def _restore_article(post: frontmatter.Post) -> Article:
    meta = post.metadata
    article = Article.objects.filter(slug=meta["slug"]).first() or Article(slug=meta["slug"])
    for name in ARTICLE_FIELDS:
        setattr(article, name, meta[name])
    for name in DATE_FIELDS:
        setattr(article, name, datetime.date.fromisoformat(meta[name]) if meta[name] else None)
    article.published_at = datetime.datetime.fromisoformat(meta["published_at"]) if meta["published_at"] else None
    article.body = post.content
    article.icd10_codes = ", ".join(meta["icd10_codes"])
    article.synonyms = "\n".join(meta["synonyms"])
    article.draft_of = Article.objects.get(slug=meta["draft_of"]) if meta["draft_of"] else None
    article.save()
    for source in meta["sources"]:
        try:
            WEB_URL(source["url"])
        except ValidationError:
            raise BackupError(f"{meta['slug']}: the source address {source['url']!r} is not a web link.") from None
    article.sources.all().delete()
    Source.objects.bulk_create(
        Source(article=article, title=s["title"], url=s["url"], order=i) for i, s in enumerate(meta["sources"])
    )
    return article
