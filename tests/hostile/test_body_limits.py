"""Request bodies above a small limit are refused with a clear message (413 for a body that is too large, before
it is read; 400 for too many fields), while staff can still save a long article."""

from urllib.parse import urlencode

import pytest
from django.conf import settings
from django.test import Client

from education.models import Article
from tests.factories import make_staff
from tests.hostile.fuzzing import assert_json_errors, text_of

pytestmark = pytest.mark.django_db

STEP = "/self-check/questions/emergency-signs/"
LIMIT = settings.DATA_UPLOAD_MAX_MEMORY_SIZE
FORM = "application/x-www-form-urlencoded"


def _urlencoded(size: int) -> bytes:
    """A form body of exactly `size` bytes."""
    head = b"red_flags=none&padding="
    return head + b"x" * (size - len(head))


def assert_friendly_400(response):
    assert response.status_code == 400
    html = text_of(response)
    assert "Sorry, we could not read that" in html
    assert f"call {settings.EMERGENCY_NUMBER} now" in html
    assert 'href="/self-check/"' in html


def assert_friendly_413(response):
    assert response.status_code == 413
    html = text_of(response)
    assert "That was too much to send" in html and "Nothing was saved" in html
    assert f"call {settings.EMERGENCY_NUMBER} now" in html
    assert 'href="/self-check/"' in html


def test_the_limit_is_small_but_leaves_room_for_a_long_article():
    assert 64 * 1024 <= LIMIT <= 512 * 1024
    assert 100 <= settings.DATA_UPLOAD_MAX_NUMBER_FIELDS <= 1000


@pytest.mark.parametrize("enforce_csrf", [False, True])
def test_a_form_post_over_the_limit_gets_a_friendly_413(enforce_csrf):
    # With CSRF checks on, the middleware reads the form before the view does; the answer must be the same.
    client = Client(enforce_csrf_checks=enforce_csrf)
    client.get(STEP)  # the CSRF cookie, as a browser would hold it
    response = client.generic("POST", STEP, _urlencoded(LIMIT + 1), content_type=FORM)
    assert_friendly_413(response)
    assert "selfcheck" not in response.cookies


def test_a_multipart_post_over_the_limit_gets_a_friendly_413(client):
    assert_friendly_413(client.post(STEP, {"red_flags": "none", "padding": "x" * (LIMIT + 1)}))


def test_an_api_body_over_the_limit_gets_json_errors(client):
    response = client.generic(
        "POST", "/api/v1/self-check/", b"{" + b" " * LIMIT + b"}", content_type="application/json"
    )
    assert response.status_code == 400  # as the self-check contract says
    assert "too large" in response.json()["errors"]["__all__"][0]


def test_a_post_just_under_the_limit_reaches_the_form(client):
    response = client.generic("POST", STEP, _urlencoded(LIMIT), content_type=FORM)
    assert response.status_code == 302
    assert response["Location"] == "/self-check/questions/where-it-started/"


def test_a_post_with_too_many_fields_gets_a_friendly_400(client):
    fields = [("red_flags", "none")] + [(f"f{n}", "x") for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS)]
    response = client.generic("POST", STEP, urlencode(fields), content_type=FORM)
    assert_friendly_400(response)


def test_a_query_string_with_too_many_fields_gets_a_friendly_400(client):
    query = "&".join(f"f{n}=x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    assert_friendly_400(client.get(f"/articles/?{query}"))


def test_an_api_request_with_too_many_fields_gets_json_errors(client):
    query = "&".join(f"f{n}=x" for n in range(settings.DATA_UPLOAD_MAX_NUMBER_FIELDS + 1))
    assert_json_errors(client.get(f"/api/v1/lookup/?code=I80.2&{query}"))


def test_an_unknown_host_name_is_a_plain_400_not_a_crash(client):
    response = client.get("/", HTTP_HOST="evil.example")
    assert response.status_code == 400
    assert "does not answer to that host name" in text_of(response)


@pytest.fixture
def editor(client):
    client.force_login(make_staff("Editor"))
    return client


def _article_post(body: str) -> dict:
    return {
        "title": "Leg cramps",
        "slug": "leg-cramps",
        "summary": "Sudden tight pain in the calf.",
        "body": body,
        "display_order": "5",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }


def test_staff_can_still_save_an_article_far_longer_than_the_longest_starter_article(editor, starter_articles):
    longest = max(Article.objects.values_list("body", flat=True), key=len)
    # Curly quotes take nine bytes each once url-encoded, as a browser sends them.
    body = ("\n\n".join([longest] * 12)).replace("'", "’")
    assert len(urlencode({"body": body})) > 60_000
    response = editor.post("/admin/education/article/add/", urlencode(_article_post(body)), content_type=FORM)
    assert response.status_code == 302, text_of(response)[:2000]
    assert Article.objects.get(language="en", slug="leg-cramps").body == body.replace("\r\n", "\n")


def test_an_article_over_the_limit_gets_a_staff_page_that_says_what_to_do_and_is_not_saved(editor):
    body = "Cramp. " * (LIMIT // 7 + 1)
    response = editor.post("/admin/education/article/add/", urlencode(_article_post(body)), content_type=FORM)
    assert response.status_code == 413
    html = text_of(response)
    assert "nothing was saved" in html and "Back button" in html and "staff" in html
    assert not Article.objects.filter(language="en", slug="leg-cramps").exists()
