"""Pictures in articles: diagrams made for this site, and images staff upload, each with its words.

An article places a picture with `{{ picture:sciatic-nerve }}` on a line of its own. The page shows it as a figure
with its short alt text, a caption and a longer description for anyone who cannot see it, in the page's language.
The figure goes into the article's stored HTML when the article is saved, and again when the picture changes.
Pictures are stored as media (`MEDIA_ROOT`, or a shared store when there are several servers: docs/deploy.md)
under a name made from their content, and served by the site with long cache headers. Uploaded photos are
scaled down for phones; SVG files are refused if they could run code or load anything from elsewhere.
"""

from __future__ import annotations

import hashlib
import io
import xml.etree.ElementTree as ET
from pathlib import PurePosixPath

from django.core.exceptions import ValidationError
from django.core.files.base import ContentFile
from django.core.files.storage import default_storage
from django.db import models
from django.http import FileResponse, Http404
from django.utils import translation
from django.utils.html import format_html

MAX_WIDTH = 1200  # wider than a phone or an article column needs, at twice the pixels
RASTER = {"png", "jpg", "jpeg", "webp"}
KINDS = {"svg": "image/svg+xml", "png": "image/png", "jpg": "image/jpeg", "jpeg": "image/jpeg", "webp": "image/webp"}
SVG_FORBIDDEN = {"script", "foreignObject", "image", "iframe", "embed", "object", "style"}


class Picture(models.Model):
    key = models.SlugField(unique=True, help_text="Articles place it with {{ picture:this-key }} on its own line.")
    image = models.FileField(upload_to="pictures/", help_text="An SVG diagram, or a PNG, JPEG or WebP photo.")
    alt = models.CharField("short description (alt text)", max_length=150, help_text="What it shows, in a sentence.")
    caption = models.CharField(max_length=400, blank=True, help_text="Shown under the picture.")
    description = models.TextField(help_text="A longer description for anyone who cannot see the picture.")
    alt_es = models.CharField("alt text in Spanish", max_length=150, blank=True)
    caption_es = models.CharField("caption in Spanish", max_length=400, blank=True)
    description_es = models.TextField("description in Spanish", blank=True)
    # Its shape, so the page keeps room for it before it loads and nothing jumps.
    width = models.PositiveIntegerField(null=True, blank=True, editable=False)
    height = models.PositiveIntegerField(null=True, blank=True, editable=False)

    class Meta:
        ordering = ["key"]

    def __str__(self):
        return self.key

    def words(self, language: str) -> tuple[str, str, str]:
        """(alt, caption, description) in the language, falling back to English field by field."""
        if language == "es":
            return (self.alt_es or self.alt, self.caption_es or self.caption, self.description_es or self.description)
        return self.alt, self.caption, self.description

    def figure(self, language: str) -> str:
        alt, caption, description = self.words(language)
        with translation.override(language):
            more = translation.gettext("Describe this picture")
        # A figure's caption is its first or last child, so the description sits inside it, after the caption.
        return format_html(
            '<figure class="diagram"><img src="{}" alt="{}" width="{}" height="{}" loading="lazy"><figcaption>{}'
            '<details class="diagram__description"><summary>{}</summary><p>{}</p></details></figcaption></figure>',
            f"/media/{self.image.name}",
            alt,
            self.width or 400,
            self.height or 400,
            format_html('<span class="diagram__caption">{}</span>', caption) if caption else "",
            more,
            description,
        )


def show_again(sender, instance: Picture, **kwargs) -> None:
    """A picture changed or went: every article that places it (drafts included) is rendered again, so its pages
    show the picture as it is now."""
    from education.models import Article
    from education.rendering import PICTURE_TOKEN, article_fields

    for article in Article.objects.filter(body__contains=instance.key).only("pk", "body", "language"):
        if instance.key in PICTURE_TOKEN.findall(article.body):
            # Not a save: the article's text, version and history are as they were.
            Article.objects.filter(pk=article.pk).update(**article_fields(article.body, article.language))


def store(name: str, content: bytes) -> tuple[str, int, int]:
    """Check, scale and save an image under a name made from its content; returns its storage name and size."""
    suffix = PurePosixPath(name).suffix.lower().lstrip(".")
    if suffix == "svg":
        width, height = check_svg(content)
    elif suffix in RASTER:
        content, width, height = scaled(content, suffix)
    else:
        raise ValidationError("Upload an SVG diagram, or a PNG, JPEG or WebP photo.")
    digest = hashlib.sha256(content).hexdigest()[:16]
    target = f"pictures/{PurePosixPath(name).stem[:60]}.{digest}.{suffix}"
    if not default_storage.exists(target):
        default_storage.save(target, ContentFile(content))
    return target, width, height


def check_svg(content: bytes) -> tuple[int, int]:
    """Refuse an SVG that could run code or load anything; returns its drawing's width and height."""
    try:
        root = ET.fromstring(content)  # noqa: S314 - our own staff's upload, and entities are not expanded
    except ET.ParseError as error:
        raise ValidationError(f"The SVG file cannot be read: {error}.") from None
    for element in root.iter():
        tag = element.tag.split("}")[-1]
        if tag in SVG_FORBIDDEN:
            raise ValidationError(f"The SVG file contains <{tag}>, which this site does not allow.")
        for attribute, value in element.attrib.items():
            name = attribute.split("}")[-1]
            if (
                name.startswith("on")
                or (name == "href" and not value.startswith("#"))
                or "url(" in value
                and "url(#" not in value
            ):
                raise ValidationError("The SVG file links to something outside itself or runs code; remove it.")
    try:
        _x, _y, width, height = (round(float(part)) for part in root.get("viewBox", "").replace(",", " ").split())
    except ValueError:
        raise ValidationError('The SVG file needs a viewBox, like viewBox="0 0 400 400".') from None
    return width, height


def scaled(content: bytes, suffix: str) -> tuple[bytes, int, int]:
    from PIL import Image, ImageOps, UnidentifiedImageError

    try:
        image = Image.open(io.BytesIO(content))
        image = ImageOps.exif_transpose(image)  # upright, and the camera's details are not kept
    except (UnidentifiedImageError, OSError):
        raise ValidationError("The file is not an image this site can read.") from None
    if image.width > MAX_WIDTH:
        image = image.resize((MAX_WIDTH, round(image.height * MAX_WIDTH / image.width)))
    out = io.BytesIO()
    kind = {"jpg": "JPEG", "jpeg": "JPEG", "png": "PNG", "webp": "WEBP"}[suffix]
    if kind == "JPEG":
        image = image.convert("RGB")
    image.save(out, kind, optimize=True, **({"quality": 85} if kind in ("JPEG", "WEBP") else {}))
    return out.getvalue(), image.width, image.height


def serve(request, name: str):
    """A stored picture, cached by browsers for a year: its name changes whenever its content does."""
    if not name.startswith("pictures/") or ".." in name or not default_storage.exists(name):
        raise Http404("No such picture")
    kinds = {
        "svg": "image/svg+xml",
        "png": "image/png",
        "jpg": "image/jpeg",
        "jpeg": "image/jpeg",
        "webp": "image/webp",
    }
    response = FileResponse(
        default_storage.open(name), content_type=kinds.get(name.rsplit(".", 1)[-1], "application/octet-stream")
    )
    response["Cache-Control"] = "public, max-age=31536000, immutable"
    response["X-Content-Type-Options"] = "nosniff"
    return response
