"""axe-core finds no WCAG 2.2 A or AA problem on any page type, in any state a patient or editor can reach."""

import pytest
from playwright.sync_api import expect

from tests.browser.helpers import ANSWERS_BY_URGENCY, answer_step, answer_steps, assert_no_axe_violations, see_result
from tests.triage.helpers import NEUROPATHY, STEP_KEYS, STEP_URLS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.mark.parametrize(
    ("path", "status"),
    [
        pytest.param("/", 200, id="home"),
        pytest.param("/articles/", 200, id="article-list"),
        pytest.param("/articles/deep-vein-thrombosis/", 200, id="article"),
        pytest.param("/search/?q=", 400, id="search-error"),
        pytest.param("/self-check/", 200, id="self-check-start"),
        pytest.param("/no-such-page/", 404, id="not-found"),
        pytest.param("/admin/login/", 200, id="admin-login"),
        pytest.param("/es/", 200, id="home-es"),
        pytest.param("/es/articles/", 200, id="article-list-es"),
        pytest.param("/es/articles/deep-vein-thrombosis/", 200, id="article-es"),
        pytest.param("/es/self-check/", 200, id="self-check-start-es"),
        pytest.param("/es/self-check/questions/emergency-signs/", 200, id="question-es"),
        pytest.param("/es/search/?q=ciática", 200, id="search-es"),
        pytest.param("/es/no-such-page/", 404, id="not-found-es"),
        pytest.param("/articles/deep-vein-thrombosis/feedback/?helpful=no", 200, id="feedback-why-not"),
        pytest.param("/search/?q=siatica", 200, id="search-did-you-mean"),
        pytest.param("/for-clinics/", 200, id="for-clinics"),
        pytest.param(
            "/infobutton/?mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&mainSearchCriteria.v.c=E11",
            200,
            id="infobutton-matches",
        ),
        pytest.param(
            "/infobutton/?mainSearchCriteria.v.cs=2.16.840.1.113883.6.90&mainSearchCriteria.v.c=Z99.89&mainSearchCriteria.v.dn=Other",
            404,
            id="infobutton-unknown-code",
        ),
        pytest.param("/infobutton/?mainSearchCriteria.v.c=M54.4&informationRecipient=X", 400, id="infobutton-error"),
    ],
)
def test_page_has_no_accessibility_problems(page, path, status):
    response = page.goto(path)
    assert response.status == status
    assert_no_axe_violations(page)


def test_search_results_have_no_accessibility_problems(page):
    page.goto("/search/?q=swollen+calf")
    expect(page.locator(".card-list .card").first).to_be_visible()
    assert_no_axe_violations(page)


def test_every_question_has_no_accessibility_problems(page):
    # One walk through the questions, checking each page on the way, costs a fraction of one walk per page.
    page.goto(STEP_URLS["emergency-signs"])
    for slug, keys in STEP_KEYS.items():
        assert page.url.endswith(STEP_URLS[slug]), (slug, page.url)
        assert_no_axe_violations(page)
        answer_step(page, NEUROPATHY, keys)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")


@pytest.mark.parametrize("slug", ["emergency-signs", "where-it-started"])
def test_a_question_with_errors_has_no_accessibility_problems(page, slug):
    answer_steps(page, NEUROPATHY, until=slug)
    page.get_by_role("button", name="Continue").click()
    expect(page.locator("#error-summary")).to_be_visible()
    assert_no_axe_violations(page)


def test_check_your_answers_has_no_accessibility_problems(page):
    answer_steps(page, NEUROPATHY)
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    assert_no_axe_violations(page)


@pytest.mark.parametrize("urgency", list(ANSWERS_BY_URGENCY))
def test_each_outcome_has_no_accessibility_problems(page, urgency):
    answers = ANSWERS_BY_URGENCY[urgency]
    # The API says which advice these answers give, so the page checked below is the one meant.
    assert page.request.post("/api/v1/self-check/", data=answers).json()["urgency"] == urgency
    see_result(page, answers)
    expect(page.locator(f".care-card--{urgency}").first).to_be_visible()
    assert_no_axe_violations(page)
