"""Real gunicorn servers with several workers, for claims that a test client in one process cannot prove."""

from __future__ import annotations

import re
from collections.abc import Iterator
from pathlib import Path

import pytest
import requests

from tools.site_server import Server, gunicorn, manage, prepare_database, site_environment

REVIEWER = ("rita", "a long reviewer password 42")


@pytest.fixture(scope="module")
def site(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[Server, dict[str, str]]]:
    """The site on 4 sync workers sharing one SQLite file and the default (file) cache, as `make run` runs it."""
    workdir = tmp_path_factory.mktemp("site")
    env = site_environment(workdir, WEB_CONCURRENCY="4", CACHE_DIR=str(workdir / "cache"))
    prepare_database(env)
    manage(
        env,
        "shell",
        "-c",
        "from tests.factories import make_staff; "
        f"user = make_staff('Clinical reviewer', username='{REVIEWER[0]}'); "
        f"user.set_password('{REVIEWER[1]}'); user.save()",
    )
    with gunicorn(env, workdir / "gunicorn.log") as server:
        yield server, env


def staff_session(server: Server, username: str, password: str) -> requests.Session:
    session = requests.Session()
    login = f"{server.base_url}/admin/login/"
    token = csrf_token(session.get(login).text)
    response = session.post(login, {"username": username, "password": password, "csrfmiddlewaretoken": token})
    assert "/admin/login/" not in response.url, "the staff sign-in failed"
    return session


def csrf_token(page: str) -> str:
    match = re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page)
    assert match, "no CSRF token on the page"
    return match.group(1)


def article_id(session: requests.Session, server: Server, title: str) -> int:
    listing = session.get(f"{server.base_url}/admin/education/article/").text
    match = re.search(rf'href="/admin/education/article/(\d+)/change/[^"]*">{re.escape(title)}</a>', listing)
    assert match, listing[:2000]
    return int(match.group(1))


def workdir_of(env: dict[str, str]) -> Path:
    return Path(env["CACHE_DIR"]).parent
