"""The self-check inside a clinic's page, where the browser keeps no cookies: the answers travel in the forms.

Every request here starts with an empty cookie jar, as in a cross-site frame whose browser blocks third-party
cookies, and Django's CSRF checks are on.
"""

import re
import time
from unittest import mock

import pytest
from django.core import signing
from django.test import Client

from education.models import Clinic
from tests.triage.helpers import (
    EMBED,
    NEUROPATHY,
    STEP_KEYS,
    embedded_answer,
    embedded_go,
    embedded_walk,
    heading,
    state_in,
)
from triage import form_state

pytestmark = pytest.mark.django_db

STEP = EMBED + "questions/{}/"


@pytest.fixture
def browser():
    """A browser in a cross-site frame: Django's CSRF checks on, and no cookie ever kept."""
    return CookielessClient(enforce_csrf_checks=True)


class CookielessClient(Client):
    def request(self, **request):
        self.cookies.clear()
        response = super().request(**request)
        self.cookies.clear()
        return response


def test_a_patient_reaches_their_result_without_any_cookie(browser):
    page = embedded_walk(browser, NEUROPATHY)
    assert heading(page) == "Check your answers"
    assert "Pins and needles" in page.content.decode()
    result = embedded_go(browser, page, EMBED + "result/")
    assert result.status_code == 200
    assert "Peripheral neuropathy" in result.content.decode()
    assert "no-store" in result["Cache-Control"]


def test_every_page_moves_on_inside_the_frame_and_sets_no_cookie(browser):
    page = browser.get(EMBED)
    for slug in STEP_KEYS:
        page = embedded_answer(browser, embedded_go(browser, page, STEP.format(slug)), slug, NEUROPATHY)
        assert page.status_code == 200
        assert not page.cookies, page.cookies
        html = page.content.decode()
        actions = re.findall(r'action="([^"]*)"', html)
        assert actions and all(action.startswith(EMBED) and "?" not in action for action in actions)
        assert "/self-check/" not in html.replace(EMBED, "")[: html.find("<main")]


def test_a_red_flag_shows_the_emergency_advice_at_once(browser):
    page = embedded_go(browser, browser.get(EMBED), STEP.format("emergency-signs"))
    page = embedded_answer(browser, page, "emergency-signs", {"red_flags": ["leg_cold_pale"]})
    assert page.status_code == 200
    assert "Call 911" in heading(page)


def test_back_and_change_keep_the_answers(browser):
    page = embedded_walk(browser, NEUROPATHY)
    back = embedded_go(browser, page, STEP.format("when-it-started"))
    assert "checked" in re.search(r'<input[^>]+value="months"[^>]*>', back.content.decode()).group(0)
    first = embedded_go(browser, back, STEP.format("emergency-signs"))
    assert re.search(r'<input[^>]+value="none"[^>]+checked', first.content.decode())
    changing = embedded_go(browser, page, STEP.format("when-it-started"), change="1")
    assert 'name="change" value="1"' in changing.content.decode()
    answers = {key: NEUROPATHY[key] for key in STEP_KEYS["when-it-started"]} | {"onset": "weeks"}
    changed = browser.post(STEP.format("when-it-started"), {**answers, "state": state_in(changing), "change": "1"})
    assert heading(changed) == "Check your answers"
    assert "weeks" in changed.content.decode().lower()


def test_the_clinic_is_remembered_in_the_form(browser):
    Clinic.objects.create(name="Riverside Clinic", slug="riverside", phone="0161 555 0101")
    page = embedded_walk(browser, NEUROPATHY, start=EMBED + "?clinic=riverside")
    result = embedded_go(browser, page, EMBED + "result/")
    assert "Contact Riverside Clinic" in result.content.decode()


def test_clearing_the_answers_starts_again_inside_the_frame(browser):
    page = embedded_walk(browser, NEUROPATHY)
    cleared = browser.post(EMBED + "clear/", {"state": state_in(page)})
    assert cleared.status_code == 200
    assert "Your answers have been cleared" in cleared.content.decode()
    assert signing.loads(state_in(cleared), salt=form_state.SALT)["answers"] == {}


@pytest.mark.parametrize(
    ("state", "headers", "status"),
    [
        ("", {}, 400),
        ("altered", {}, 400),
        (None, {"HTTP_ORIGIN": "https://evil.example"}, 403),
        (None, {"HTTP_ORIGIN": "null"}, 403),
    ],
)
def test_a_form_from_elsewhere_or_altered_is_refused_inside_the_frame(browser, state, headers, status):
    page = browser.get(EMBED)
    token = state_in(page) if state is None else state
    refused = browser.post(STEP.format("emergency-signs"), {"red_flags": ["none"], "state": token}, **headers)
    assert refused.status_code == status
    html = refused.content.decode()
    assert "Please start the self-check again" in html
    assert f'href="{EMBED}"' in html
    assert "X-Frame-Options" not in refused
    assert "no-store" in refused["Cache-Control"]


def test_a_form_left_open_for_hours_is_refused(browser):
    with mock.patch("django.core.signing.time.time", return_value=time.time() - 5 * 60 * 60):
        old = form_state.sign({"red_flags": ["none"]}, None)
    refused = browser.post(STEP.format("where-it-started"), {"state": old, "navigate": "1"})
    assert refused.status_code == 400
    assert "open for too long" in refused.content.decode()


def test_our_own_origin_is_accepted(browser):
    page = browser.get(EMBED)
    accepted = browser.post(
        STEP.format("emergency-signs"),
        {"red_flags": ["none"], "state": state_in(page)},
        HTTP_ORIGIN="http://testserver",
    )
    assert accepted.status_code == 200


def test_a_page_reached_without_answers_goes_to_the_first_question_inside_the_frame(browser):
    response = browser.get(EMBED + "check-your-answers/")
    assert response.status_code == 302
    assert response["Location"] == STEP.format("emergency-signs")


def test_the_site_itself_keeps_cookie_based_csrf(browser):
    page = browser.get(EMBED)
    refused = browser.post("/self-check/questions/emergency-signs/", {"red_flags": ["none"], "state": state_in(page)})
    assert refused.status_code == 403
    assert browser.post("/self-check/result/", {}).status_code in {403, 405}
