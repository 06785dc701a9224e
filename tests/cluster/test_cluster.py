"""Two app servers behind nginx on PostgreSQL and Redis: one truth across servers, and a server lost mid-load
costs no patient a failed request."""

from __future__ import annotations

import os
import signal
import time
from concurrent.futures import ThreadPoolExecutor

import requests

from tests.servers.conftest import article_id, csrf_token, staff_session

REQUESTS = 600


def test_a_staff_change_on_one_server_shows_at_once_on_the_other(cluster):
    first, second = cluster.servers
    page = "/articles/varicose-veins/"
    for server in (first, second):
        for _ in range(10):
            assert requests.get(server.base_url + page, timeout=5).status_code == 200
    reviewer = staff_session(first, "rita", "a long reviewer password 42")
    pk = article_id(reviewer, first, "Varicose veins")
    change = reviewer.get(f"{first.base_url}/admin/education/article/{pk}/change/").text
    done = reviewer.post(
        f"{first.base_url}/admin/education/article/{pk}/action/unpublish/",
        {"reason": "Withdrawn while it is checked", "csrfmiddlewaretoken": csrf_token(change)},
    )
    assert "Done: unpublish" in done.text
    assert [requests.get(second.base_url + page, timeout=5).status_code for _ in range(10)] == [404] * 10
    assert requests.get(cluster.front + page, timeout=5).status_code == 404


def _patient(n: int, front: str) -> int:
    if n % 3 == 0:
        response = requests.post(f"{front}/api/v1/self-check/", json={"red_flags": ["chest_pain"]}, timeout=10)
    else:
        path = ["/", "/articles/sciatica/", "/self-check/", "/articles/deep-vein-thrombosis/"][n % 4]
        response = requests.get(front + path, timeout=10)
    return response.status_code


def test_losing_a_server_mid_load_costs_no_patient_request(cluster):
    first, _ = cluster.servers
    started = time.monotonic()
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(_patient, n, cluster.front) for n in range(REQUESTS)]
        # Kill the first server, master and workers at once, about a third of the way through.
        while sum(future.done() for future in futures) < REQUESTS // 3:
            assert time.monotonic() - started < 60, "the load did not get going"
            time.sleep(0.01)
        os.killpg(first.pid, signal.SIGKILL)
        statuses = [future.result() for future in futures]
    assert statuses.count(200) == REQUESTS, {status: statuses.count(status) for status in set(statuses)}
