"""The body map beside "Where did the pain start?", and the same outline with the path on the result page."""

from playwright.sync_api import expect

from tests.browser.helpers import answer_steps, assert_no_axe_violations, see_result
from tests.triage.helpers import NEUROPATHY, STEP_URLS
from triage.examples import SCIATICA_AFTER_LIFTING


def test_tapping_a_place_ticks_its_answer(page):
    answer_steps(page, NEUROPATHY, until="where-it-started")
    map_ = page.locator(".body-map--interactive[data-ready]")  # its script has run
    expect(map_.locator("text", has_text="Calf")).to_be_visible()
    map_.locator("[data-value='calf']").click(position={"x": 12, "y": 40})  # on one leg, not between them
    expect(page.locator("input[name='start_location'][value='calf']")).to_be_checked()
    expect(map_.locator("[data-value='calf'].is-chosen")).to_have_count(1)
    page.check("input[name='start_location'][value='knee']")  # the radio buttons still work, and the map follows
    expect(map_.locator("[data-value='knee'].is-chosen")).to_have_count(2)
    assert_no_axe_violations(page)


def test_without_javascript_the_picture_labels_the_places_and_the_radios_work(no_script_page):
    page = no_script_page
    answer_steps(page, NEUROPATHY, until="where-it-started")
    assert page.url.endswith(STEP_URLS["where-it-started"])
    labels = page.locator(".body-map__labels text").all_text_contents()
    assert {"Lower back or buttock", "Hip or thigh", "Knee", "Shin", "Calf", "Ankle or foot", "Toes"} <= set(labels)
    page.check("input[name='start_location'][value='toes']")


def test_the_result_shows_where_it_started_and_the_path(page):
    see_result(page, SCIATICA_AFTER_LIFTING)
    figure = page.locator(".body-map")
    expect(figure.locator("title")).to_have_text("Where your pain started and how it moves")
    expect(figure.locator("[data-value='lower_back_or_buttock'].is-chosen")).to_have_count(1)
    expect(figure.locator(".body-map__path path")).to_have_count(1)
    assert_no_axe_violations(page)
