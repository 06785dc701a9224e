"""A clinic that shares the site with its patients."""

from __future__ import annotations

import re

from django.core.exceptions import ValidationError
from django.db import models

from site_config.links import WEB_URL

ORIGIN_PATTERN = re.compile(r"^https?://[a-z0-9.-]+(:[0-9]{1,5})?$")


def validate_origins(text: str) -> None:
    bad = [origin for origin in text.split() if not ORIGIN_PATTERN.match(origin)]
    if bad:
        raise ValidationError(
            "These are not web origins: %(origins)s. Write each as https://www.example.org (no path), one a line.",
            params={"origins": ", ".join(bad)},
        )


class Clinic(models.Model):
    """A clinic that shares the site with its patients: its own contact details and where it may embed pages."""

    name = models.CharField(max_length=120)
    slug = models.SlugField(max_length=60, unique=True, help_text="Used in links: /c/<slug>/ and ?clinic=<slug>.")
    phone = models.CharField(max_length=40, help_text="The number patients call for an appointment.")
    booking_url = models.URLField(
        "booking page", blank=True, validators=[WEB_URL], help_text="Where patients book online, if they can."
    )
    opening_hours = models.TextField(blank=True, help_text="Plain words, for example: Monday to Friday, 8am to 6pm.")
    embed_origins = models.TextField(
        "websites allowed to embed",
        blank=True,
        validators=[validate_origins],
        help_text="The clinic's own web origins, one a line, for example https://www.riverside-clinic.org.",
    )
    active = models.BooleanField(default=True)

    class Meta:
        ordering = ["name"]

    def __str__(self):
        return self.name

    def save(self, *args, **kwargs):
        if self.booking_url:
            WEB_URL(self.booking_url)
        super().save(*args, **kwargs)

    @property
    def origins(self) -> list[str]:
        return self.embed_origins.split()
