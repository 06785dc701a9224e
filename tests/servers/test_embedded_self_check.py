"""Any web client walks the embedded self-check, on any worker, with no cookie jar: the answers ride in the forms."""

from __future__ import annotations

import requests

from tests.triage.helpers import NEUROPATHY, STEP_KEYS, state_in


def test_a_client_without_cookies_gets_its_result_from_any_worker(site):
    server, _ = site
    embed = f"{server.base_url}/embed/self-check/"
    # Plain requests.get and requests.post keep no cookies from one call to the next, and each call may reach
    # another of the four workers.
    page = requests.get(embed, timeout=5)
    assert page.status_code == 200
    for slug, keys in STEP_KEYS.items():
        data = {key: NEUROPATHY[key] for key in keys if key in NEUROPATHY} | {"state": state_in(page)}
        page = requests.post(f"{embed}questions/{slug}/", data=data, timeout=5, allow_redirects=False)
        assert page.status_code == 200, (slug, page.text[:2000])
        assert "selfcheck" not in page.headers.get("Set-Cookie", "")
    assert "<h1>Check your answers</h1>" in page.text
    result = requests.post(f"{embed}result/", data={"state": state_in(page), "navigate": "1"}, timeout=5)
    assert result.status_code == 200
    assert "Peripheral neuropathy" in result.text
