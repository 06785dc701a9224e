"""Checks on an article's Markdown that catch an editor's slips before patients meet them, each naming its line.

Markdown forgives everything: a misspelt care card becomes a plain word, a card whose lines are not indented
becomes an empty red box with the list below it, `www.nhs.uk` becomes a link to a page on this site. These are
the slips staff make, found while the form is still open.
"""

from __future__ import annotations

import difflib
import re
from collections.abc import Iterator

from django.conf import settings

from education.models import Article
from education.readability import plain_sentences
from education.rendering import CARE_LEVELS

CARD = re.compile(r"^!!!\s+([A-Za-z_-]+)")
LIST_ITEM = re.compile(r"^[-*+]\s+\S")
LINK = re.compile(r"(!?)\[[^\]]*\]\(\s*<?([^)\s>]+)")
ARTICLE_LINK = re.compile(r"^/(?:([a-z]{2})/)?articles/([^/#?]+)/?(?:[#?].*)?$")
HARD_GRADE = 10


PICTURE = re.compile(r"\{\{\s*picture:\s*([a-z0-9-]+)\s*\}\}")


def problems(body: str) -> list[str]:
    """Everything in the Markdown that would reach patients broken, as messages that name the line."""
    lines = body.splitlines()
    return [*_card_problems(lines), *_link_problems(lines), *_picture_problems(lines)]


def _picture_problems(lines: list[str]) -> Iterator[str]:
    from education.pictures import Picture

    placed = [(number, key) for number, line in enumerate(lines, start=1) for key in PICTURE.findall(line)]
    known = set(Picture.objects.filter(key__in=[key for _n, key in placed]).values_list("key", flat=True))
    for number, key in placed:
        if key not in known:
            yield f"Line {number}: there is no picture called “{key}”. Upload it under Pictures first."
        elif lines[number - 1].strip() != f"{{{{ picture:{key} }}}}":
            yield f"Line {number}: put {{{{ picture:{key} }}}} on a line of its own."


def _card_problems(lines: list[str]) -> Iterator[str]:
    for number, line in enumerate(lines, start=1):
        card = CARD.match(line)
        if not card:
            continue
        kind = card.group(1)
        if kind not in CARE_LEVELS:
            near = difflib.get_close_matches(kind.lower(), CARE_LEVELS, n=1, cutoff=0.6)
            if near:
                yield f"Line {number}: “{kind}” is not a kind of care card. Did you mean “{near[0]}”?"
            continue
        following = next((text for text in lines[number:] if text.strip()), "")
        if LIST_ITEM.match(following):
            yield (
                f"Line {number}: the {kind} card has no lines of its own. Put 4 spaces before each of its lines, "
                "or patients see an empty box with the list below it."
            )
        elif not following.startswith(("    ", "\t")):
            yield f"Line {number}: the {kind} card is empty. Put its lines under it, each with 4 spaces in front."


def _link_problems(lines: list[str]) -> Iterator[str]:
    internal: list[tuple[int, str, str]] = []
    for number, line in enumerate(lines, start=1):
        for image, target in LINK.findall(line):
            if target.startswith("#"):
                continue
            if image:
                if target.startswith(("http://", "https://", "//")):
                    yield (
                        f"Line {number}: the image comes from another site, which patients' browsers are told not "
                        "to load. Use an image from this site's own media."
                    )
                continue
            if target.startswith("www."):
                yield f"Line {number}: “{target}” needs https:// in front, or it leads to a page on this site."
            elif target.startswith("/"):
                found = ARTICLE_LINK.match(target)
                if found:
                    internal.append((number, found.group(1) or settings.LANGUAGE_CODE, found.group(2)))
            elif ":" not in target.split("/")[0]:  # a bare slug or a file name; other schemes the sanitiser judges
                yield (
                    f"Line {number}: “{target}” is not a full address. Link to another article as /articles/"
                    f"{target.strip('/')}/, or to another site with https://."
                )
    yield from _unpublished(internal)


def _unpublished(links: list[tuple[int, str, str]]) -> Iterator[str]:
    if not links:
        return
    slugs = {slug for _number, _language, slug in links}
    articles = Article.objects.filter(slug__in=slugs, draft_of=None, language=settings.LANGUAGE_CODE)
    status = dict(articles.values_list("slug", "status"))
    live = set(Article.objects.live().filter(slug__in=slugs, draft_of=None).values_list("slug", flat=True))
    for number, _language, slug in links:
        if slug not in status:
            yield f"Line {number}: the link to /articles/{slug}/ goes to an article that does not exist."
        elif slug not in live:
            yield (
                f"Line {number}: the link to /articles/{slug}/ goes to an article that is not published, so "
                "patients would find nothing there."
            )


def hard_sentences(html: str, language: str = settings.LANGUAGE_CODE, limit: int = 3) -> list[str]:
    """The hardest sentences of an English article, hardest first, if any read above grade 10."""
    if language != settings.LANGUAGE_CODE:
        return []
    import textstat

    sentences = [s for s in re.split(r"(?<=[.!?])\s+", plain_sentences(html)) if len(s.split()) >= 6]
    graded = sorted(((textstat.flesch_kincaid_grade(s), s) for s in sentences), reverse=True)
    return [f"“{sentence}” (grade {grade:.0f})" for grade, sentence in graded[:limit] if grade > HARD_GRADE]
