"""The self-check framed by a clinic's page on another site, in a Chromium that blocks third-party cookies."""

import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

import pytest
from playwright.sync_api import expect

from education.models import Clinic
from tests.browser.conftest import TIMEOUT_MS
from tests.browser.helpers import EMERGENCY, SOON, assert_no_axe_violations
from tests.triage.helpers import STEP_KEYS

pytestmark = pytest.mark.django_db(transaction=True)


@pytest.fixture
def clinic_site(site):
    """The clinic's website on another site (127.0.0.1; the guide is at localhost), framing the self-check."""

    class ClinicPage(BaseHTTPRequestHandler):
        def do_GET(self):
            body = (
                "<!doctype html><html lang='en'><title>Riverside Clinic</title><h1>Riverside Clinic</h1>"
                f"<iframe src='{site}/embed/self-check/?clinic=riverside' title='Leg pain self-check'"
                " style='width:100%;height:1800px;border:0'></iframe>"
            ).encode()
            self.send_response(200)
            self.send_header("Content-Type", "text/html; charset=utf-8")
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args):
            pass

    server = ThreadingHTTPServer(("127.0.0.1", 0), ClinicPage)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    origin = f"http://127.0.0.1:{server.server_address[1]}"
    Clinic.objects.create(name="Riverside Clinic", slug="riverside", phone="0161 555 0101", embed_origins=origin)
    yield origin
    server.shutdown()


@pytest.fixture
def framed(browser, clinic_site):
    """The clinic's page open, with the self-check's frame loaded and third-party cookies blocked."""
    context = browser.new_context()
    context.set_default_timeout(TIMEOUT_MS)
    page = context.new_page()
    cdp = context.new_cdp_session(page)
    cdp.send("Network.enable")
    cdp.send("Network.setCookieControls", {"enableThirdPartyCookieRestriction": True})
    page.goto(clinic_site + "/")
    frame = page.frame_locator("iframe")
    expect(frame.get_by_role("heading", level=1)).to_have_text("Leg pain self-check")
    yield page, frame
    assert not context.cookies(), "the frame kept cookies, so it did not prove they are not needed"
    context.close()


def _cookies_blocked(page):
    inner = next(frame for frame in page.frames if frame != page.main_frame)
    return "probe" not in inner.evaluate("document.cookie = 'probe=1; SameSite=None; Secure'; document.cookie")


def _answer(frame, answers):
    frame.get_by_role("button", name="Start now").click()
    for keys in STEP_KEYS.values():
        expect(frame.get_by_role("button", name="Continue")).to_be_visible()
        for key in keys:
            chosen = answers.get(key, [])
            for value in chosen if isinstance(chosen, list) else [chosen]:
                frame.locator(f"input[name='{key}'][value='{value}']").check()
        frame.get_by_role("button", name="Continue").click()
        if answers["red_flags"] != ["none"]:
            return


def test_a_patient_gets_their_result_inside_a_clinics_page_without_cookies(framed):
    page, frame = framed
    assert _cookies_blocked(page)
    _answer(frame, SOON)
    expect(frame.get_by_role("heading", level=1)).to_have_text("Check your answers")
    frame.get_by_role("button", name="Change when it started").click()
    expect(frame.locator("input[name='onset'][value='months']")).to_be_checked()
    frame.locator("input[name='onset'][value='weeks']").check()
    frame.get_by_role("button", name="Continue").click()
    expect(frame.get_by_role("heading", level=1)).to_have_text("Check your answers")
    frame.get_by_role("button", name="See my result").click()
    expect(frame.get_by_text("Contact Riverside Clinic:")).to_be_visible()
    expect(frame.get_by_role("link", name="Peripheral neuropathy")).to_be_visible()
    assert page.url.startswith("http://127.0.0.1"), "the clinic's page stays where it was"
    assert_no_axe_violations(page)


def test_back_keeps_the_answers_and_an_emergency_shows_inside_the_frame(framed):
    page, frame = framed
    frame.get_by_role("button", name="Start now").click()
    frame.locator("input[name='red_flags'][value='none']").check()
    frame.get_by_role("button", name="Continue").click()
    frame.get_by_role("button", name="Back").click()
    expect(frame.locator("input[name='red_flags'][value='none']")).to_be_checked()
    frame.locator("input[name='red_flags'][value='none']").uncheck()
    for value in EMERGENCY["red_flags"]:
        frame.locator(f"input[name='red_flags'][value='{value}']").check()
    frame.get_by_role("button", name="Continue").click()
    expect(frame.get_by_role("heading", level=1)).to_contain_text("Call 911")
