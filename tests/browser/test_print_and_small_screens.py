"""Pages print as clean handouts and fit the narrowest phone without sideways scrolling."""

import datetime
import re

import pytest
from django.utils import timezone
from playwright.sync_api import expect

from education.caching import content_changed
from education.models import Article
from tests.browser.helpers import SOON, URGENT, see_result

pytestmark = pytest.mark.django_db(transaction=True)


def test_an_article_prints_without_the_site_chrome_and_with_its_address_and_review_date(page, site):
    page.goto("/articles/gout/")
    page.emulate_media(media="print")
    expect(page.locator(".print-footer")).to_contain_text("Not yet reviewed by a named clinician")
    page.emulate_media(media="screen")

    Article.objects.filter(language="en", slug="sciatica").update(
        last_reviewed=datetime.date(2026, 11, 20), reviewer_name="Dr Ada Reviewer", updated_at=timezone.now()
    )
    content_changed()
    reviewed = Article.objects.get(language="en", slug="sciatica").last_reviewed
    page.goto("/articles/sciatica/")
    print_footer = page.locator(".print-footer")
    expect(print_footer).to_be_hidden()
    expect(page.locator(".site-header")).to_be_visible()

    page.emulate_media(media="print")
    expect(page.locator(".site-header")).to_be_hidden()
    expect(page.get_by_role("navigation", name="Main")).to_be_hidden()
    expect(page.locator(".site-footer")).to_be_hidden()
    expect(print_footer).to_be_visible()
    expect(print_footer).to_contain_text(f"Printed from {site}/articles/sciatica/")
    expect(print_footer).to_contain_text(f"Last reviewed {reviewed.day} {reviewed:%B %Y} by Dr Ada Reviewer")


def _scroll_width(page):
    return page.evaluate("document.documentElement.scrollWidth")


@pytest.mark.parametrize(
    "path",
    [
        pytest.param("/", id="home"),
        pytest.param("/articles/deep-vein-thrombosis/", id="article"),
        pytest.param("/self-check/questions/emergency-signs/", id="question"),
        pytest.param("/for-clinics/", id="for-clinics"),
        pytest.param("/infobutton/?mainSearchCriteria.v.c=M54.4&informationRecipient=X", id="infobutton-error"),
    ],
)
def test_a_page_fits_a_320px_screen(narrow_page, path):
    narrow_page.goto(path)
    assert _scroll_width(narrow_page) <= 320


def test_the_result_fits_a_320px_screen(narrow_page):
    see_result(narrow_page, SOON)
    expect(narrow_page.locator(".care-card--soon")).to_be_visible()
    assert _scroll_width(narrow_page) <= 320


@pytest.mark.parametrize("answers", [SOON, URGENT], ids=["soon", "urgent"])
@pytest.mark.parametrize("paper", ["A4", "Letter"])
def test_the_self_check_result_prints_on_one_page_for_a_doctor(page, site, answers, paper):
    see_result(page, answers)
    page.emulate_media(media="print")
    expect(page.locator(".print-summary")).to_contain_text("Checked on")
    expect(page.locator(".care-card")).to_be_visible()
    expect(page.locator(".cause-list")).to_be_visible()
    expect(page.get_by_role("heading", name="What this self-check cannot tell you")).to_be_hidden()
    pdf = page.pdf(format=paper)
    assert len(re.findall(rb"/Type\s*/Page\b", pdf)) == 1
