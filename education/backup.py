"""Export every article (published, drafts and draft revisions) and clinic to plain files, and restore them.

Each article becomes a Markdown file with YAML front matter in the format of the starter articles; a JSON manifest
lists the files with their checksums, and the clinics. Import restores the database to what was
exported: it creates what is missing and overwrites what differs.
"""

from __future__ import annotations

import hashlib
import json
from pathlib import Path

from django.conf import settings
from django.db import transaction
from django.utils import timezone

from education import article_files
from education.article_files import ArticleFile
from education.models import Article, Clinic

# 2: articles in the one article file format (`education/article_files.py`), the starter files' own.
FORMAT_VERSION = 2
CLINIC_FIELDS = ["name", "slug", "phone", "booking_url", "opening_hours", "embed_origins", "active"]


class BackupError(Exception):
    pass


def export_site(directory: Path) -> dict:
    articles_dir = directory / "articles"
    articles_dir.mkdir(parents=True, exist_ok=True)
    files = []
    queryset = (
        Article.objects.select_related("draft_of", "translation_of")
        .prefetch_related("related", "sources")
        .order_by("pk")
    )
    for article in queryset:
        text = article_files.dumps(article)
        name = article_files.path_for(article)
        path = articles_dir / name
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        files.append({"file": f"articles/{name}", "sha256": hashlib.sha256(text.encode()).hexdigest()})
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


def _read_article(directory: Path, entry: dict) -> ArticleFile:
    path = directory / entry["file"]
    text = path.read_text(encoding="utf-8")
    if hashlib.sha256(text.encode()).hexdigest() != entry["sha256"]:
        raise BackupError(f"{entry['file']} has changed since it was exported (its checksum does not match).")
    try:
        return article_files.loads(text, entry["file"])
    except article_files.ContentError as error:
        raise BackupError(str(error)) from None


@transaction.atomic
def import_site(directory: Path) -> dict:
    manifest = _read_manifest(directory)
    files = [_read_article(directory, entry) for entry in manifest["articles"]]
    # English originals first, so draft revisions and translations can point at them; links once every article
    # exists.
    files.sort(key=lambda file: (file.translation_of is not None, file.draft_of is not None))
    saved = {(file.language, file.slug): _restore_article(file) for file in files}
    for file in files:
        missing = [slug for slug in file.related if (settings.LANGUAGE_CODE, slug) not in saved]
        if missing:
            raise BackupError(f"{file.slug}: related articles missing from the backup: {', '.join(missing)}.")
        saved[file.language, file.slug].related.set([saved[settings.LANGUAGE_CODE, slug] for slug in file.related])
    for data in manifest["clinics"]:
        Clinic.objects.update_or_create(slug=data["slug"], defaults=data)
    return {"articles": len(saved), "clinics": len(manifest["clinics"])}


def _restore_article(file: ArticleFile) -> Article:
    article = Article.objects.filter(slug=file.slug, language=file.language).first() or Article(
        slug=file.slug, language=file.language
    )
    # Everything the file holds, and nothing left over from before the export for what it leaves out.
    for name in [*article_files.DATE_FIELDS, "published_at"]:
        setattr(article, name, None)
    for name, value in file.fields.items():
        setattr(article, name, value)
    article.draft_of = Article.objects.get(slug=file.draft_of, language=file.language) if file.draft_of else None
    english = settings.LANGUAGE_CODE
    article.translation_of = (
        Article.objects.get(slug=file.translation_of, language=english) if file.translation_of else None
    )
    article.save()
    article.replace_sources(file.sources)
    return article
