"""`/healthz`, for load balancers and uptime checks: 200 when every part this server needs works, else 503 naming
the part that does not.

The database must answer and hold the site's tables (an empty database, as SQLite makes when its file has gone,
is not healthy), and the shared cache must answer when one is configured (Redis).
"""

from __future__ import annotations

from pathlib import Path

from django.conf import settings
from django.core.cache import cache
from django.db import DatabaseError, connection
from django.http import JsonResponse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

RETRY_AFTER_SECONDS = 30


def database_state() -> str:
    sqlite_file = _sqlite_file()
    if sqlite_file is not None and not sqlite_file.exists():
        return "missing"
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
            if "education_article" not in connection.introspection.table_names(cursor):
                return "not migrated"
    except DatabaseError:
        return "unreachable"
    return "ok"


def _sqlite_file() -> Path | None:
    """The file of an SQLite database, or None for an in-memory one or another engine."""
    name = str(connection.settings_dict["NAME"])
    if connection.vendor != "sqlite" or name == ":memory:" or "mode=memory" in name:
        return None
    return Path(name.removeprefix("file:").split("?", 1)[0])


def cache_state() -> str:
    if not settings.REDIS_URL:
        return "ok"  # the file cache lives on this server's own disk, like the code
    try:
        cache._cache.get_client().ping()
    except Exception:  # noqa: BLE001 - whatever the client raises, the cache is not usable
        return "unreachable"
    return "ok"


@require_safe
@never_cache
def healthz(request):
    parts = {"database": database_state(), "cache": cache_state()}
    healthy = all(state == "ok" for state in parts.values())
    response = JsonResponse({"status": "ok" if healthy else "error", **parts}, status=200 if healthy else 503)
    if not healthy:
        response["Retry-After"] = str(RETRY_AFTER_SECONDS)
    return response
