"""The self-check as a patient meets it in the browser, without JavaScript."""

import re

import pytest

from tests.triage.helpers import NEUROPATHY, STEP_URLS, answer_step, walk
from triage.vocabulary import QUESTIONS_BY_KEY

pytestmark = pytest.mark.django_db


def test_start_page_says_what_it_does_and_does_not_do(client):
    html = client.get("/self-check/").content.decode()
    assert "not a diagnosis" in html
    assert "about 2 minutes" in html
    assert "answers are not stored" in html
    assert 'href="/self-check/questions/emergency-signs/"' in html
    assert 'id="emergency-signs"' not in html or html.index("Call 911") > 0


@pytest.mark.parametrize(("number", "slug"), list(enumerate(STEP_URLS, start=1)))
def test_each_page_has_progress_back_link_and_a_fieldset_per_question(client, number, slug):
    walk_to(client, slug)
    response = client.get(STEP_URLS[slug])
    html = response.content.decode()
    assert response.status_code == 200
    assert f"Question {number} of {len(STEP_URLS)}" in html
    assert '<a class="back-link" href="' in html
    assert html.count("<fieldset") == html.count("<legend") >= 1
    assert "<h1" in html
    assert response["Cache-Control"].startswith("max-age=0") and "no-store" in response["Cache-Control"]


def walk_to(client, slug):
    for earlier in STEP_URLS:
        if earlier == slug:
            return
        answer_step(client, earlier, NEUROPATHY)


def test_emergency_signs_come_first_and_back_goes_to_the_start(client):
    html = client.get(STEP_URLS["emergency-signs"]).content.decode()
    assert f"Question 1 of {len(STEP_URLS)}" in html
    assert '<a class="back-link" href="/self-check/">Back</a>' in html
    assert "Chest pain or tightness" in html


def test_back_link_goes_to_the_previous_question(client):
    walk_to(client, "how-it-feels")
    html = client.get(STEP_URLS["how-it-feels"]).content.decode()
    assert '<a class="back-link" href="/self-check/questions/where-it-started/">Back</a>' in html


def test_from_the_start_page_to_the_result_takes_at_most_ten_pages(client):
    pages = ["/self-check/"]
    response = client.get(pages[0])
    url = re.search(r'href="(/self-check/questions/[^"]+)"', response.content.decode()).group(1)
    while url != "/self-check/result/":
        pages.append(url)
        if url == "/self-check/check-your-answers/":
            assert client.get(url).status_code == 200
            url = "/self-check/result/"
            continue
        slug = url.rstrip("/").rsplit("/", 1)[-1]
        url = answer_step(client, slug, NEUROPATHY)["Location"]
    pages.append(url)
    assert client.get(url).status_code == 200
    assert len(pages) <= 10, pages


def test_a_missing_answer_shows_an_error_summary_linked_to_the_field(client):
    response = client.post(STEP_URLS["emergency-signs"], {})
    html = response.content.decode()
    assert response.status_code == 400
    assert "<title>Error:" in html
    assert 'class="error-summary"' in html and "autofocus" in html
    assert '<a href="#id_red_flags_0">Choose any signs you have now' in html
    assert 'id="id_red_flags_0"' in html
    assert 'aria-describedby="id_red_flags-hint id_red_flags-error"' in html


def test_none_with_another_option_is_contradictory(client):
    response = client.post(STEP_URLS["emergency-signs"], {"red_flags": ["none", "chest_pain"]})
    assert response.status_code == 400
    assert "Choose ‘None of these’ on its own" in response.content.decode()


def test_each_missing_answer_on_a_two_question_page_is_listed(client):
    walk_to(client, "where-it-started")
    html = client.post(STEP_URLS["where-it-started"], {}).content.decode()
    assert 'href="#id_start_location_0"' in html and 'href="#id_spread_0"' in html


def test_an_unknown_option_is_an_error_not_a_crash(client):
    response = client.post(STEP_URLS["emergency-signs"], {"red_flags": ["<script>"]})
    assert response.status_code == 400
    assert "<script>" not in response.content.decode()


@pytest.mark.parametrize("flag", [option for option in QUESTIONS_BY_KEY["red_flags"].options if option != "none"])
def test_any_red_flag_ends_the_flow_with_emergency_advice(client, flag):
    response = client.post(STEP_URLS["emergency-signs"], {"red_flags": [flag]})
    assert response["Location"] == "/self-check/emergency/"
    html = client.get("/self-check/emergency/").content.decode()
    assert "Call 911" in html
    assert "What to tell them" in html and "While you wait" in html
    assert "care-card--emergency" in html
    # The rest of the questions are skipped: every later page sends the patient back to the emergency advice.
    assert client.get(STEP_URLS["how-it-feels"])["Location"] == "/self-check/emergency/"
    assert client.get("/self-check/result/")["Location"] == "/self-check/emergency/"


def test_emergency_advice_follows_the_emergency_number_setting(client, settings):
    settings.EMERGENCY_NUMBER = "999"
    client.post(STEP_URLS["emergency-signs"], {"red_flags": ["short_of_breath"]})
    html = client.get("/self-check/emergency/").content.decode()
    assert "Call 999" in html and "Call 911" not in html


def test_pages_cannot_be_skipped(client):
    response = client.get(STEP_URLS["health"])
    assert response["Location"] == STEP_URLS["emergency-signs"]
    assert client.get("/self-check/result/")["Location"] == STEP_URLS["emergency-signs"]
    assert client.get("/self-check/check-your-answers/")["Location"] == STEP_URLS["emergency-signs"]


def test_answers_are_kept_when_going_back(client):
    walk_to(client, "legs")
    html = client.get(STEP_URLS["where-it-started"]).content.decode()
    assert re.search(r'value="toes" checked', html)


def test_check_answers_lists_every_answer_with_a_change_link(client):
    assert walk(client, NEUROPATHY)["Location"] == "/self-check/check-your-answers/"
    html = client.get("/self-check/check-your-answers/").content.decode()
    assert "Check your answers" in html
    assert "Toes" in html and "Both legs" in html and "Diabetes" in html
    assert html.count(">Change<") == 10
    assert 'href="/self-check/questions/health/?change=1"' in html


def test_a_change_returns_to_check_answers(client):
    walk(client, NEUROPATHY)
    html = client.get(STEP_URLS["how-it-feels"] + "?change=1").content.decode()
    assert '<a class="back-link" href="/self-check/check-your-answers/">Back</a>' in html
    response = client.post(STEP_URLS["how-it-feels"] + "?change=1", {"sensations": ["throbbing"]})
    assert response["Location"] == "/self-check/check-your-answers/"
    assert "Throbbing" in client.get("/self-check/check-your-answers/").content.decode()


def test_changing_to_a_red_flag_goes_straight_to_emergency_advice(client):
    walk(client, NEUROPATHY)
    response = client.post(STEP_URLS["emergency-signs"] + "?change=1", {"red_flags": ["leg_cold_pale"]})
    assert response["Location"] == "/self-check/emergency/"


def test_result_shows_urgency_causes_with_reasons_and_article_links(client, starter_articles):
    walk(client, NEUROPATHY)
    response = client.get("/self-check/result/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "care-card--soon" in html
    assert 'href="/articles/peripheral-neuropathy/"' in html
    assert "You said" in html and "diabetes" in html
    assert "What this self-check cannot tell you" in html
    assert "Get help sooner if things change" in html
    assert "Start again" in html and "print" in html.lower()


def test_result_prints_as_a_summary_with_answers_and_date(client):
    walk(client, NEUROPATHY)
    html = client.get("/self-check/result/").content.decode()
    assert "Your answers" in html and "Show this to your doctor" in html
    assert "Checked on" in html
    assert "Toes" in html


def test_clear_my_answers_wipes_them(client):
    walk(client, NEUROPATHY)
    response = client.post("/self-check/clear/")
    assert response["Location"] == "/self-check/"
    assert response.cookies["selfcheck"].value == ""
    assert response.cookies["selfcheck"]["max-age"] == 0
    assert "Your answers have been cleared" in client.get("/self-check/").content.decode()
    assert client.get("/self-check/result/")["Location"] == STEP_URLS["emergency-signs"]


def test_clearing_needs_a_post(client):
    assert client.get("/self-check/clear/").status_code == 405


def test_an_altered_cookie_is_ignored(client):
    walk(client, NEUROPATHY)
    client.cookies["selfcheck"] = client.cookies["selfcheck"].value.replace("both", "one")
    assert client.get("/self-check/result/")["Location"] == STEP_URLS["emergency-signs"]


def test_an_unknown_question_page_is_a_404(client):
    assert client.get("/self-check/questions/nothing/").status_code == 404
