"""Shared steps for the browser tests: answering the self-check by clicking, and checking a page with axe-core."""

from axe_playwright_python.sync_playwright import Axe

from tests.triage.helpers import STEP_KEYS, STEP_URLS
from triage import examples

# One answer set for each advice level, checked against the API by the tests that use them.
EMERGENCY = examples.SUDDEN_BREATHLESSNESS
URGENT = examples.CALF_CLOT_AFTER_SURGERY
SOON = examples.DIABETIC_NEUROPATHY
SELF_CARE = examples.SCIATICA_AFTER_LIFTING
ANSWERS_BY_URGENCY = examples.BY_URGENCY

WCAG_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]
AXE = Axe()


def answer_steps(page, answers, *, until=None):
    """Tick each answer and press Continue, page by page from the first question, stopping before `until`."""
    page.goto(STEP_URLS["emergency-signs"])
    for slug, keys in STEP_KEYS.items():
        if slug == until:
            return
        assert page.url.endswith(STEP_URLS[slug]), (slug, page.url)
        answer_step(page, answers, keys)
        if page.url.endswith("/self-check/emergency/"):
            return


def answer_step(page, answers, keys):
    """Tick this page's answers, for the questions named by `keys`, and press Continue."""
    for key in keys:
        chosen = answers.get(key, [])
        for value in chosen if isinstance(chosen, list) else [chosen]:
            page.check(f"input[name='{key}'][value='{value}']")
    page.get_by_role("button", name="Continue").click()


def see_result(page, answers):
    """Answer everything, then go from check-your-answers to the result (or land on the emergency page)."""
    answer_steps(page, answers)
    if not page.url.endswith("/self-check/emergency/"):
        assert page.url.endswith("/self-check/check-your-answers/"), page.url
        page.get_by_role("link", name="See my result").click()


def assert_no_axe_violations(page):
    results = AXE.run(page, options={"runOnly": {"type": "tag", "values": WCAG_TAGS}, "resultTypes": ["violations"]})
    violations = results.response["violations"]
    report = "\n".join(
        f"  {violation['id']}: {violation['help']}\n"
        + "\n".join(f"    {' '.join(node['target'])}: {node['failureSummary']}" for node in violation["nodes"])
        for violation in violations
    )
    assert not violations, f"axe found {len(violations)} problem(s) on {page.url}:\n{report}"
