"""What changed between two states of an article, for a reviewer to read: every field patients or reviewers see
(the text, the review record, the sources, the related articles, the cause), by its name as the form shows it,
line by line with the changed words marked, and without line-ending noise."""

from __future__ import annotations

import difflib
import re
from dataclasses import dataclass

from django.utils.html import escape, format_html
from django.utils.safestring import SafeString, mark_safe

from education.models import Article, Source

# In the order the form shows them.
COMPARED = (*Article.CONTENT_FIELDS, *Article.REVIEW_FIELDS)
WORD = re.compile(r"\s+|[^\s]+")


@dataclass(frozen=True)
class Row:
    kind: str  # "same", "removed" or "added"
    html: SafeString


def of_article(article: Article | None) -> dict[str, str]:
    """An article as a reviewer reads it, field by field; an empty one for an article not yet live."""
    if article is None or article.pk is None:
        return {}
    values = {name: getattr(article, name) for name in COMPARED}
    values["sources"] = _sources((s.title, s.url) for s in article.sources.all())
    values["related"] = _titles(article.related.values_list("pk", flat=True))
    return _labelled(values)


def of_version(version) -> dict[str, str]:
    """A saved version (django-reversion) as a reviewer reads it, with the sources saved alongside it."""
    values = {name: version.field_dict.get(name, "") for name in COMPARED}
    sources = [
        (other.field_dict.get("order", 0), other.field_dict.get("title", ""), other.field_dict.get("url", ""))
        for other in version.revision.version_set.all()
        if other.content_type.model_class() is Source
    ]
    values["sources"] = _sources((title, url) for _order, title, url in sorted(sources))
    values["related"] = _titles(version.field_dict.get("related", []))
    return _labelled(values)


def changes(before: dict[str, str], after: dict[str, str]) -> list[dict]:
    """Each field that differs, as rows of lines with the changed words marked."""
    found = []
    for label in dict.fromkeys([*after, *before]):
        old, new = _lines(before.get(label, "")), _lines(after.get(label, ""))
        if old != new:
            found.append({"field": label, "rows": list(_rows(old, new))})
    return found


def content_changes(live: Article | None, draft: Article) -> list[dict]:
    """What publishing the draft would change on the live page (None: a first publication)."""
    return changes(of_article(live), of_article(draft))


def default_comparison(article: Article, versions: list) -> tuple[str, dict[str, str], dict[str, str]]:
    """What a reviewer most needs to see: what publishing would change, or what the last publishing changed."""
    if article.draft_of_id:
        return "The published page against this draft", of_article(article.draft_of), of_article(article)
    pending = article.revisions.first()
    if pending is not None:
        return "The published page against its draft revision", of_article(article), of_article(pending)
    published = [v for v in versions if v.field_dict.get("status") == Article.Status.PUBLISHED]
    if article.status == Article.Status.PUBLISHED and len(published) > 1:
        return (
            "The page as published before against the page now",
            of_version(published[1]),
            of_article(article),
        )
    if versions:
        return (
            "The first saved version against the article now",
            of_version(versions[-1]),
            of_article(article),
        )
    return "The article now", {}, of_article(article)


def _labelled(values: dict) -> dict[str, str]:
    labelled = {}
    for name, value in values.items():
        if name in ("sources", "related"):
            label = name
        else:
            field = Article._meta.get_field(name)
            label = str(field.verbose_name)
            if field.choices and value:
                value = dict(field.flatchoices).get(value, value)
        labelled[label[:1].upper() + label[1:]] = "" if value is None else str(value)
    return labelled


def _sources(pairs) -> str:
    return "\n".join(f"{title} ({url})" for title, url in pairs)


def _titles(pks) -> str:
    titles = dict(Article.objects.filter(pk__in=list(pks)).values_list("pk", "title"))
    return "\n".join(sorted(titles.values()))


def _lines(value: str) -> list[str]:
    return (
        [line.rstrip() for line in value.replace("\r\n", "\n").replace("\r", "\n").strip("\n").split("\n")]
        if (value.strip())
        else []
    )


def _rows(old: list[str], new: list[str]):
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            yield from (Row("same", escape(line)) for line in old[a1:a2])
            continue
        removed, added = old[a1:a2], new[b1:b2]
        paired = min(len(removed), len(added)) if op == "replace" else 0
        for before, after in zip(removed[:paired], added[:paired], strict=True):
            marked_old, marked_new = _words(before, after)
            yield Row("removed", marked_old)
            yield Row("added", marked_new)
        yield from (Row("removed", escape(line)) for line in removed[paired:])
        yield from (Row("added", escape(line)) for line in added[paired:])


def _words(before: str, after: str) -> tuple[SafeString, SafeString]:
    """Two versions of a line, each with the words that differ marked."""
    old, new = WORD.findall(before), WORD.findall(after)
    marked_old, marked_new = [], []
    for op, a1, a2, b1, b2 in difflib.SequenceMatcher(None, old, new, autojunk=False).get_opcodes():
        if op == "equal":
            marked_old.append(escape("".join(old[a1:a2])))
            marked_new.append(escape("".join(new[b1:b2])))
            continue
        if a2 > a1:
            marked_old.append(format_html("<del>{}</del>", "".join(old[a1:a2])))
        if b2 > b1:
            marked_new.append(format_html("<ins>{}</ins>", "".join(new[b1:b2])))
    return mark_safe("".join(marked_old)), mark_safe("".join(marked_new))  # noqa: S308 - each part escaped above
