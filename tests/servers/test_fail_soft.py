"""When a part fails, patients still get pages and advice, and /healthz names the part: tested on real gunicorn."""

from __future__ import annotations

import requests

from tools.site_server import gunicorn, prepare_database, site_environment


def test_with_redis_down_pages_and_advice_still_work_and_healthz_names_the_cache(tmp_path):
    # Nothing listens on port 1: every connection to this "Redis" is refused.
    env = site_environment(tmp_path, REDIS_URL="redis://127.0.0.1:1/0", WEB_CONCURRENCY="2")
    prepare_database(env)
    with gunicorn(env, tmp_path / "gunicorn.log", healthy=False) as server:
        for path in ("/", "/articles/sciatica/", "/self-check/", "/self-check/questions/emergency-signs/"):
            assert requests.get(server.base_url + path, timeout=10).status_code == 200, path
        answer = requests.post(f"{server.base_url}/api/v1/self-check/", json={"red_flags": ["chest_pain"]}, timeout=10)
        assert answer.status_code == 200 and answer.json()["urgency"] == "emergency"
        health = requests.get(f"{server.base_url}/healthz", timeout=10)
        assert health.status_code == 503
        assert health.json() == {"status": "error", "database": "ok", "cache": "unreachable"}
    assert "cache get failed, treated as a miss" in (tmp_path / "gunicorn.log").read_text()


def test_a_vanished_sqlite_file_is_not_replaced_and_healthz_says_so(tmp_path):
    env = site_environment(tmp_path, WEB_CONCURRENCY="2", CACHE_DIR=str(tmp_path / "cache"))
    prepare_database(env)
    database = tmp_path / "site.sqlite3"
    with gunicorn(env, tmp_path / "gunicorn.log") as server:
        database.unlink()
        health = requests.get(f"{server.base_url}/healthz", timeout=10)
        assert health.status_code == 503 and health.json()["database"] == "missing"
        answer = requests.post(f"{server.base_url}/api/v1/self-check/", json={"red_flags": ["chest_pain"]}, timeout=10)
        assert answer.status_code == 200 and answer.json()["urgency"] == "emergency"
        for _ in range(6):
            assert requests.get(f"{server.base_url}/articles/no-such-page/", timeout=10).status_code in (404, 503)
    assert not database.exists()
