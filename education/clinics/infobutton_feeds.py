"""The Infobutton's answers for machines: the Atom feed the guide describes, and the same feed in the JSON form
MedlinePlus Connect gives (an element's text under `_value`, its attributes as keys).

Both are made from one `Feed`, so they always say the same thing. An empty feed is the answer for a code no guide
covers.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

from django.conf import settings
from django.utils import timezone
from django.utils.feedgenerator import Atom1Feed
from django.utils.html import escape
from django.utils.translation import gettext as _

from education.clinics.infobutton import CODE, CODE_SYSTEM, DISPLAY_NAME, LANGUAGE, RECIPIENT, KnowledgeRequest


@dataclass(frozen=True)
class Entry:
    title: str
    url: str
    summary: str
    language: str
    updated: datetime.datetime


@dataclass(frozen=True)
class Feed:
    id: str
    base: str
    language: str
    subtitle: str
    categories: tuple[tuple[str, str], ...]  # (scheme, term): the request's criteria, echoed as the guide shows
    entries: tuple[Entry, ...]

    @property
    def title(self) -> str:
        return settings.SITE_NAME

    @property
    def updated(self) -> datetime.datetime:
        return max((entry.updated for entry in self.entries), default=timezone.now())


def feed(request: KnowledgeRequest, entries: list[Entry], *, feed_id: str, base: str) -> Feed:
    codes = ", ".join(f"{c.system.name} {c.code}" for c in request.criteria)
    categories: list[tuple[str, str]] = []
    for criterion in request.criteria:
        categories += [(CODE, criterion.code), (CODE_SYSTEM, criterion.system.oid)]
        if criterion.display_name:
            categories.append((DISPLAY_NAME, criterion.display_name))
    categories += [(RECIPIENT, request.audience), (LANGUAGE, request.language)]
    subtitle = _("Guides for patients on %(codes)s") % {"codes": codes}
    return Feed(feed_id, base, request.language, subtitle, tuple(categories), tuple(entries))


def _text(value: str, kind: str = "text") -> dict:
    return {"_value": value, "type": kind}


def as_json(feed: Feed) -> dict:
    return {
        "feed": {
            "base": feed.base,
            "lang": feed.language,
            "title": _text(feed.title),
            "subtitle": _text(feed.subtitle),
            "id": {"_value": feed.id},
            "updated": {"_value": feed.updated.isoformat()},
            "author": {"name": {"_value": settings.SITE_NAME}, "uri": {"_value": feed.base}},
            "category": [{"scheme": scheme, "term": term} for scheme, term in feed.categories],
            "entry": [
                {
                    "lang": entry.language,
                    "title": _text(entry.title),
                    "link": [
                        {
                            "href": entry.url,
                            "rel": "alternate",
                            "type": "text/html",
                            "hreflang": entry.language,
                            "title": entry.title,
                        }
                    ],
                    "id": {"_value": entry.url},
                    "updated": {"_value": entry.updated.isoformat()},
                    "summary": _text(entry.summary),
                }
                for entry in feed.entries
            ],
        }
    }


class _AtomWithSchemes(Atom1Feed):
    """Django's Atom feed, with the guide's categories (each names its scheme, the parameter it echoes) and each
    entry's language, which is English where a guide is not yet translated."""

    def add_root_elements(self, handler):
        super().add_root_elements(handler)
        for scheme, term in self.feed["schemes"]:
            handler.addQuickElement("category", "", {"scheme": scheme, "term": term})

    def item_attributes(self, item):
        return {"xml:lang": item["language"]}


def as_atom(feed: Feed) -> bytes:
    atom = _AtomWithSchemes(
        title=feed.title,
        link=feed.base,
        description=feed.subtitle,
        subtitle=feed.subtitle,
        language=feed.language,
        author_name=settings.SITE_NAME,
        author_link=feed.base,
        feed_guid=feed.id,
        schemes=feed.categories,
    )
    for entry in feed.entries:
        atom.add_item(
            title=entry.title,
            link=entry.url,
            # Atom marks the summary as HTML, so readers render it: plain text must be escaped to show as typed.
            description=escape(entry.summary),
            unique_id=entry.url,
            updateddate=entry.updated,
            language=entry.language,
        )
    return atom.writeString("utf-8").encode()
