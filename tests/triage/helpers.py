"""Walk the self-check the way a patient does: one page at a time, through HTTP."""

from triage.examples import DIABETIC_NEUROPATHY as NEUROPATHY
from triage.flow import STEPS

STEP_URLS = {step.slug: f"/self-check/questions/{step.slug}/" for step in STEPS}
STEP_KEYS = {step.slug: list(step.keys) for step in STEPS}
__all__ = ["NEUROPATHY", "STEP_KEYS", "STEP_URLS", "answer_step", "walk"]


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
