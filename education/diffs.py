"""What a publish would change, field by field, for the reviewer to read before they publish."""

from __future__ import annotations

import difflib

from education.models import Article


def content_changes(live: Article | None, draft: Article) -> list[dict]:
    """Each field that differs between the live article (None for a first publication) and the draft, as
    unified-diff lines without line-ending noise."""
    changes = []
    for field in Article.CONTENT_FIELDS:
        before = _lines(getattr(live, field, "") if live else "")
        after = _lines(getattr(draft, field, ""))
        if before != after:
            diff = difflib.unified_diff(before, after, lineterm="", n=2)
            changes.append({"field": Article._meta.get_field(field).verbose_name, "lines": list(diff)[2:]})
    return changes


def _lines(value: object) -> list[str]:
    return str(value or "").replace("\r\n", "\n").splitlines()
