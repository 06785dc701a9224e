"""SQL queries per page, counted inside this process with Django's test client against the bench database.

Import this only after django.setup(): it needs the settings the bench chose.
"""

from __future__ import annotations

from django.core.cache import cache
from django.db import connection
from django.test import Client
from django.test.utils import CaptureQueriesContext

from education.models import Article


def published_slugs() -> list[str]:
    return list(Article.objects.published().values_list("slug", flat=True))


def _count(client: Client, path: str) -> tuple[int, list[str]]:
    with CaptureQueriesContext(connection) as captured:
        response = client.get(path)
    if response.status_code != 200:
        raise RuntimeError(f"{path} answered {response.status_code} in the query count")
    return len(captured), [query["sql"] for query in captured.captured_queries]


def count_queries(paths: dict[str, str]) -> dict[str, dict]:
    """For each page: queries with an empty cache (the first visitor after a publish) and with a warm one."""
    # The host must be one ALLOWED_HOSTS accepts; the test client's own "testserver" is not.
    client = Client(HTTP_HOST="127.0.0.1", HTTP_ACCEPT_ENCODING="gzip")
    counts = {}
    for name, path in paths.items():
        cache.clear()
        cold, cold_sql = _count(client, path)
        warm, _ = _count(client, path)
        counts[name] = {"path": path, "cold": cold, "warm": warm, "cold_sql": cold_sql}
    return counts
