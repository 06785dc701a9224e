"""The audited site: the shared production-style server, with one clinic so a clinic's pages are checked too."""

from __future__ import annotations

from pathlib import Path

from tools import site_server
from tools.site_server import ROOT, gunicorn

__all__ = ["ROOT", "gunicorn", "prepare_database", "site_environment"]


def site_environment(workdir: Path) -> dict[str, str]:
    # Two workers leave the second core to Chromium, whose timings Lighthouse's performance score rests on.
    return site_server.site_environment(workdir, WEB_CONCURRENCY="2")


def prepare_database(env: dict[str, str], clinic: dict[str, str]) -> None:
    site_server.prepare_database(env)
    site_server.manage(
        env, "shell", "--command", f"from education.models import Clinic; Clinic.objects.create(**{clinic!r})"
    )
