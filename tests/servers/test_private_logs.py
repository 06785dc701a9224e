"""What a health record sends about a patient stays out of the server's logs, on `make run`'s real gunicorn."""

from __future__ import annotations

import time

import requests

from tests.servers.conftest import workdir_of

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
