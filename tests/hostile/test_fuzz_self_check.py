"""The self-check's pages and its JSON API answer any input, however malformed, with a clear answer: never a 500."""

import json
import re

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from tests.hostile.fuzzing import (
    assert_form_error_page,
    assert_json_errors,
    assert_not_found_page,
    content_type,
    fuzz,
    json_value,
    nasty_bytes,
    nasty_text,
    text_of,
    url_part,
)
from tests.triage.helpers import NEUROPATHY, STEP_KEYS, STEP_URLS, walk
from triage import form_state
from triage.api import MAX_BODY_BYTES
from triage.storage import COOKIE_NAME
from triage.vocabulary import QUESTION_KEYS, QUESTIONS_BY_KEY

pytestmark = pytest.mark.django_db

API = "/api/v1/self-check/"
EMBEDDED_ANSWERS = form_state.sign(NEUROPATHY, None)
PREFIXES = ["/self-check/", "/embed/self-check/"]
ALL_OPTIONS = sorted({option for question in QUESTIONS_BY_KEY.values() for option in question.options})

field_name = st.one_of(st.sampled_from(sorted(QUESTION_KEYS)), nasty_text)
field_value = st.one_of(st.sampled_from(ALL_OPTIONS), nasty_text)
form_data = st.dictionaries(field_name, st.one_of(field_value, st.lists(field_value, max_size=6)), max_size=6).map(
    lambda data: {key: value for key, value in data.items() if key}
)

# A form post as a browser or a script might send it: a proper multipart form, raw url-encoded bytes, or junk.
form_post = st.one_of(
    form_data.map(lambda data: {"data": data}),
    nasty_bytes.map(lambda body: {"data": body, "content_type": "application/x-www-form-urlencoded"}),
    st.tuples(nasty_bytes, content_type).map(lambda pair: {"data": pair[0], "content_type": pair[1]}),
)


@pytest.fixture
def answered(client):
    """A patient who has answered every question, so each question page takes a post rather than redirecting."""
    walk(client, NEUROPATHY)
    return client, client.cookies[COOKIE_NAME].value


def _send(client, path, post):
    if isinstance(post["data"], dict):
        # Inside a clinic's page the answers so far come with the form (on this site the cookie has them).
        return client.post(path, post["data"] | {"state": EMBEDDED_ANSWERS})
    # generic() sends the bytes as they are; post() would re-encode them to the declared charset first.
    return client.generic("POST", path, post["data"], content_type=post.get("content_type", ""))


def _restore(client, cookie):
    # A random post that happens to be valid changes the answers; each example starts from the same ones.
    client.cookies[COOKIE_NAME] = cookie


def _assert_step_answer(response, prefix):
    if response.status_code == 302:
        assert response["Location"].startswith(prefix), response["Location"]
    elif response.status_code == 200 and prefix.startswith("/embed/"):
        # The next page, shown in reply to the form, sends every form back inside the frame.
        assert set(re.findall(r'action="([^"]*)"', text_of(response))) <= {
            *(f"{prefix}questions/{slug}/" for slug in STEP_URLS),
            f"{prefix}check-your-answers/",
            f"{prefix}result/",
            f"{prefix}clear/",
            f"{prefix}",
        }
    elif response.status_code == 400 and "start the self-check again" in text_of(response):
        assert prefix.startswith("/embed/")  # a post without its signed answers, such as raw bytes
    else:
        assert_form_error_page(response)


@pytest.mark.parametrize("prefix", PREFIXES)
@pytest.mark.parametrize("slug", list(STEP_URLS))
@fuzz(10)
@given(post=form_post)
def test_each_question_page_answers_any_post_with_an_error_or_the_next_page(answered, prefix, slug, post):
    client, cookie = answered
    _restore(client, cookie)
    response = _send(client, f"{prefix}questions/{slug}/", post)
    _assert_step_answer(response, prefix)


@pytest.mark.parametrize("prefix", PREFIXES)
@fuzz(25)
@given(slug=st.sampled_from(list(STEP_URLS)), values=st.lists(st.sampled_from(ALL_OPTIONS), min_size=1, max_size=8))
def test_any_mix_of_real_options_is_saved_or_a_form_error(answered, prefix, slug, values):
    client, cookie = answered
    _restore(client, cookie)
    data = dict.fromkeys(STEP_KEYS[slug], values)
    response = _send(client, f"{prefix}questions/{slug}/", {"data": data})
    _assert_step_answer(response, prefix)


@pytest.mark.parametrize("prefix", PREFIXES)
@fuzz(25)
@given(slug=url_part, query=url_part)
def test_unknown_question_addresses_are_not_found_and_queries_are_ignored(client, prefix, slug, query):
    response = client.get(f"{prefix}questions/{slug}/?change={query}")
    assert response.status_code in {200, 302, 404}, response.status_code
    if response.status_code == 404:
        assert_not_found_page(response)
    response = client.get(f"{prefix}questions/emergency-signs/?change={query}&{query}={query}")
    assert response.status_code == 200


@pytest.mark.parametrize("prefix", PREFIXES)
@fuzz(15)
@given(post=form_post)
def test_clearing_answers_takes_any_post_and_refuses_gets(client, prefix, post):
    response = _send(client, f"{prefix}clear/", post)
    assert response.status_code in {200, 302, 400}, response.status_code
    if response.status_code == 302:
        assert response["Location"] == prefix
    if response.status_code == 200:  # inside a clinic's page, the start page in reply to the form
        assert prefix.startswith("/embed/") and "Your answers have been cleared" in text_of(response)
    assert client.get(f"{prefix}clear/").status_code == 405


@pytest.mark.parametrize("page", ["check-your-answers/", "result/", "emergency/", ""])
def test_answer_pages_refuse_posts_with_a_405(client, page):
    assert client.post(f"/self-check/{page}", {"red_flags": ["none"]}).status_code == 405
    # Inside a clinic's page the answers come by post, so a post without them is refused with the reason.
    refused = client.post(f"/embed/self-check/{page}", {"red_flags": ["none"]})
    assert refused.status_code == 400 and "start the self-check again" in text_of(refused)
    assert client.put(f"/embed/self-check/{page}").status_code in {400, 405}


# --- POST /api/v1/self-check/ ------------------------------------------------------------------------------------

answers_like = st.dictionaries(st.one_of(st.sampled_from(QUESTION_KEYS), st.text(max_size=12)), json_value, max_size=8)


@fuzz(60)
@given(data=st.one_of(json_value, answers_like))
@example(data=NEUROPATHY)
@example(data={"red_flags": ["none"] * 3000})
def test_the_api_answers_any_json_with_a_result_or_json_errors(client, data):
    body = json.dumps(data)
    response = client.post(API, body, content_type="application/json")
    if response.status_code == 200:
        assert {"urgency", "headline", "advice", "causes", "disclaimer"} <= response.json().keys()
    else:
        assert_json_errors(response)


@fuzz(40)
@given(body=nasty_bytes, kind=content_type)
@example(body=b"[" * 5000 + b"]" * 5000, kind="application/json")
@example(body=b'{"red_flags": ' + b"[" * 4000 + b"]" * 4000 + b"}", kind="application/json")
@example(body=b"1" * 5000, kind="application/json")
@example(body=b'\xef\xbb\xbf{"red_flags": ["none"]}', kind="application/json")
@example(body=b'{"red_flags": ["none"], "red_flags": "x"}', kind="application/json")
@example(body=b"NaN", kind="application/json")
def test_the_api_answers_any_bytes_with_json_errors(client, body, kind):
    response = client.generic("POST", API, body, content_type=kind)
    if response.status_code == 200:
        assert response["Content-Type"] == "application/json"
    else:
        assert_json_errors(response)


@fuzz(20)
@given(size=st.integers(min_value=MAX_BODY_BYTES - 40, max_value=MAX_BODY_BYTES + 40))
def test_bodies_are_judged_by_their_size_at_the_10_kb_limit(client, size):
    valid = json.dumps(NEUROPATHY)
    body = valid + " " * (size - len(valid))
    response = client.post(API, body, content_type="application/json")
    if size <= MAX_BODY_BYTES:
        assert response.status_code == 200, text_of(response)[:300]
    else:
        errors = assert_json_errors(response)
        assert "too large" in errors["__all__"][0]


def test_a_body_far_over_the_limit_is_refused(client):
    response = client.post(API, b"{" + b" " * 3_000_000 + b"}", content_type="application/json")
    assert "too large" in assert_json_errors(response)["__all__"][0]


@pytest.mark.parametrize("method", ["get", "put", "patch", "delete", "options"])
def test_other_methods_get_a_json_405(client, method):
    response = getattr(client, method)(API)
    assert_json_errors(response, 405)
    assert response["Allow"] == "POST"
