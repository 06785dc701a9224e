"""What one worker knows, every worker knows at once: content, clinics and rate limits, on `make run`'s set-up;
and what reaches its logs."""

from __future__ import annotations

import time

import requests

from tests.servers.conftest import REVIEWER, article_id, csrf_token, staff_session, workdir_of
from tools.site_server import manage

SLUG = "varicose-veins"


def test_an_unpublished_article_is_gone_from_every_worker_at_once(site):
    server, _ = site
    page = f"{server.base_url}/articles/{SLUG}/"
    listing = f"{server.base_url}/articles/"
    # Warm every worker's page cache with the published page and a list that links it.
    for _ in range(40):
        assert requests.get(page, timeout=5).status_code == 200
        assert f"/articles/{SLUG}/" in requests.get(listing, timeout=5).text

    reviewer = staff_session(server, *REVIEWER)
    pk = article_id(reviewer, server, "Varicose veins")
    change = reviewer.get(f"{server.base_url}/admin/education/article/{pk}/change/").text
    response = reviewer.post(
        f"{server.base_url}/admin/education/article/{pk}/action/unpublish/",
        {"reason": "Withdrawn while the advice is checked", "csrfmiddlewaretoken": csrf_token(change)},
    )
    assert response.status_code == 200 and "Done: unpublish" in response.text, response.text[:2000]

    statuses = [requests.get(page, timeout=5).status_code for _ in range(40)]
    assert statuses == [404] * 40
    for _ in range(20):
        assert f"/articles/{SLUG}/" not in requests.get(listing, timeout=5).text


def test_the_rate_limit_counts_every_worker_together(site):
    server, _ = site
    api = f"{server.base_url}/api/v1/self-check/"
    statuses = [requests.post(api, json={"red_flags": ["none"]}, timeout=5).status_code for _ in range(75)]
    # 60 a minute from one address in all, not 60 on each of the 4 workers.
    assert statuses.count(200) <= 61 and statuses[-10:] == [429] * 10, statuses


def test_a_new_clinic_may_frame_the_embed_on_every_worker_at_once(site):
    server, env = site
    embed = f"{server.base_url}/embed/self-check/"
    for _ in range(20):
        assert "https://clinic.example.org" not in requests.get(embed, timeout=5).headers["Content-Security-Policy"]
    manage(
        env,
        "shell",
        "-c",
        "from education.models import Clinic; "
        "Clinic.objects.create(name='Hill', slug='hill', embed_origins='https://clinic.example.org', active=True)",
    )
    for _ in range(20):
        assert "https://clinic.example.org" in requests.get(embed, timeout=5).headers["Content-Security-Policy"]


def test_control_characters_in_a_path_cannot_forge_a_log_line(site):
    server, env = site
    requests.get(f"{server.base_url}/articles/%0d%0a127.0.0.1%20%22GET%20/forged%20HTTP/1.1%22%20200/", timeout=5)
    # gunicorn writes the access line just after it sends the answer, so the line may land a moment later.
    deadline = time.monotonic() + 5
    while "\\x0d\\x0a127.0.0.1" not in (log := (workdir_of(env) / "gunicorn.log").read_text()):
        assert time.monotonic() < deadline, log[-2000:]
        time.sleep(0.05)
    assert not any(line.startswith('127.0.0.1 "GET /forged') for line in log.splitlines())


# A problem code, a name and the patient's context, each unusual enough to be found if any of it were written down.
SENT = {
    "mainSearchCriteria.v.c": "Z86.718",
    "mainSearchCriteria.v.cs": "2.16.840.1.113883.6.90",
    "mainSearchCriteria.v.dn": "Personal history of venous thrombosis",
    "patientPerson.administrativeGenderCode.c": "F",
    "age.v.v": "47",
    "age.v.u": "a",
}


def test_infobutton_requests_leave_no_code_or_patient_detail_in_the_logs(site):
    server, env = site
    url = f"{server.base_url}/infobutton/"
    found = requests.get(url, params={**SENT, "mainSearchCriteria.v.c": "M54.4"}, allow_redirects=False, timeout=5)
    assert found.status_code == 302 and found.headers["Location"] == "/articles/sciatica/"
    assert requests.get(url, params=SENT, timeout=5).status_code == 404
    assert requests.get(url, params={**SENT, "mainSearchCriteria.v.cs": "1.2.3"}, timeout=5).status_code == 400
    log_file = workdir_of(env) / "gunicorn.log"
    # gunicorn writes each access line just after it sends the answer, so the last may land a moment later.
    deadline = time.monotonic() + 5
    while (log := log_file.read_text()).count("/infobutton/") < 3:
        assert time.monotonic() < deadline, log[-2000:]
        time.sleep(0.05)
    for detail in ("M54.4", "Z86.718", "Z86", "venous", "age.v", "administrativeGender", "1.2.3", "mainSearch"):
        assert detail not in log, detail
