"""Walk the self-check the way a patient does: one page at a time, through HTTP."""

import re

from triage.examples import DIABETIC_NEUROPATHY as NEUROPATHY
from triage.flow import STEPS

STEP_URLS = {step.slug: f"/self-check/questions/{step.slug}/" for step in STEPS}
STEP_KEYS = {step.slug: list(step.keys) for step in STEPS}
EMBED = "/embed/self-check/"
__all__ = [
    "EMBED",
    "NEUROPATHY",
    "STEP_KEYS",
    "STEP_URLS",
    "answer_step",
    "ask_api",
    "embedded_answer",
    "embedded_go",
    "embedded_walk",
    "heading",
    "state_in",
    "walk",
]


def answer_step(client, slug, answers):
    data = {key: answers[key] for key in STEP_KEYS[slug] if key in answers}
    return client.post(STEP_URLS[slug], data)


def walk(client, answers):
    """Answer every page in order; return the last response (a redirect to check-your-answers)."""
    response = None
    for slug in STEP_URLS:
        response = answer_step(client, slug, answers)
        assert response.status_code == 302, (slug, response.content.decode()[:2000])
        if response["Location"] == "/self-check/emergency/":
            break
    return response


# --- Inside a clinic's page, where the answers travel in the forms -------------------------------------------


def state_in(response) -> str:
    """The signed answers a page's forms carry (from Django's test client or from requests)."""
    states = set(re.findall(r'name="state" value="([^"]+)"', response.text))
    assert len(states) == 1, "every form on a page carries the same answers"
    return states.pop()


def heading(response) -> str:
    html = response.text
    found = re.search(r"<h1[^>]*>(.*?)</h1>", html, re.S) or re.search(r"<legend[^>]*>(.*?)</legend>", html, re.S)
    assert found, html[:2000]
    return re.sub(r"<[^>]+>|\s+", " ", found.group(1)).strip()


def embedded_answer(client, response, slug, answers):
    """Answer one page of the embedded self-check, posting the answers so far that the page carries."""
    data = {key: answers[key] for key in STEP_KEYS[slug] if key in answers}
    return client.post(f"{EMBED}questions/{slug}/", {**data, "state": state_in(response)})


def embedded_go(client, response, url, **extra):
    """Follow one of the embedded self-check's links, which are small forms carrying the answers."""
    return client.post(url, {"state": state_in(response), "navigate": "1", **extra})


def embedded_walk(client, answers, start=EMBED):
    """Answer every page of the embedded self-check, keeping no cookie; return the last page."""
    page = embedded_go(client, client.get(start), f"{EMBED}questions/emergency-signs/")
    for slug in STEP_KEYS:
        page = embedded_answer(client, page, slug, answers)
        assert page.status_code == 200, (slug, page.content.decode()[:2000])
        if "Call 911" in heading(page):
            break
    return page


def ask_api(client, answers: dict) -> dict:
    """The self-check API's outcome for these answers (no red flag unless they say so)."""
    response = client.post("/api/v1/self-check/", {"red_flags": ["none"], **answers}, content_type="application/json")
    assert response.status_code == 200, response.content
    return response.json()
