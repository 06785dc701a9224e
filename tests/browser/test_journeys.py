"""What a patient does on the site, in a real browser: read, search, and use the self-check."""

import re

import pytest
from playwright.sync_api import expect

pytestmark = pytest.mark.django_db(transaction=True)


def test_a_patient_reads_an_article_from_the_home_page(page):
    page.goto("/")
    page.locator(".card-list").get_by_role("link", name="Sciatica", exact=True).click()
    expect(page).to_have_url(re.compile(r"/articles/sciatica/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Sciatica")
    expect(page.get_by_role("navigation", name="On this page")).to_be_visible()


def test_a_patient_searches_and_opens_a_result(page):
    page.goto("/")
    page.get_by_role("navigation", name="Main").get_by_role("link", name="Search").click()
    page.get_by_label("Search the guide").fill("swollen calf")
    page.get_by_role("button", name="Search").click()
    expect(page).to_have_url(re.compile(r"/search/\?q=swollen\+calf$"))
    expect(page.get_by_role("heading", level=2, name=re.compile("results? for ‘swollen calf’"))).to_be_visible()
    first = page.locator(".card-list").get_by_role("link").first
    title = first.inner_text()
    first.click()
    expect(page).to_have_url(re.compile(r"/articles/[\w-]+/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text(title)


def _tick(page, *labels):
    for label in labels:
        page.get_by_label(label, exact=True).check()
    page.get_by_role("button", name="Continue").click()


def test_the_whole_self_check_works_without_javascript(no_script_page):
    page = no_script_page
    page.goto("/self-check/")
    page.get_by_role("button", name="Start now").click()
    # One swollen, warm calf soon after an operation: a possible blood clot that needs a doctor today.
    _tick(page, "None of these")
    _tick(page, "Calf", "It stays in one place")
    _tick(page, "One leg")
    _tick(page, "Aching or heavy", "Sore when you touch it")
    _tick(page, "One calf or leg is swollen", "The skin feels warm")
    _tick(page, "None of these")
    _tick(page, "An operation or a hospital stay in the last 12 weeks")
    _tick(page, "Over a few days", "40 to 59")
    expect(page.get_by_role("heading", level=1)).to_have_text("Check your answers")
    page.get_by_role("link", name="See my result").click()

    card = page.locator(".care-card--urgent")
    expect(card.get_by_role("heading")).to_contain_text("Urgent: today")
    expect(card.get_by_role("heading")).to_contain_text("See a doctor today")
    page.locator(".cause-list").get_by_role("link", name="Deep vein thrombosis (DVT)").click()
    expect(page).to_have_url(re.compile(r"/articles/deep-vein-thrombosis/$"))
    expect(page.get_by_role("heading", level=1)).to_have_text("Deep vein thrombosis (DVT)")


def test_a_red_flag_goes_straight_to_the_emergency_page(page, settings):
    settings.EMERGENCY_NUMBER = "911"
    page.goto("/self-check/")
    page.get_by_role("button", name="Start now").click()
    page.get_by_label("Sudden shortness of breath").check()
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_url(re.compile(r"/self-check/emergency/$"))
    expect(page.get_by_role("heading", level=1)).to_contain_text("Call 911")
    expect(page.locator(".care-card--emergency")).to_be_visible()


def test_an_empty_answer_shows_a_focused_error_summary_that_leads_to_the_first_choice(page):
    page.goto("/self-check/questions/emergency-signs/")
    page.get_by_role("button", name="Continue").click()
    expect(page).to_have_title(re.compile(r"^Error: "))
    summary = page.get_by_role("alert")
    expect(summary).to_contain_text("There is a problem")
    assert page.evaluate("document.activeElement.id") == "error-summary"

    summary.get_by_role("link", name="Choose any signs you have now, or choose ‘None of these’").click()
    first_choice = page.locator("input[name='red_flags']").first
    expect(first_choice).to_be_focused()
    assert page.evaluate("document.activeElement.id") == first_choice.get_attribute("id")
