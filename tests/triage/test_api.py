"""`POST /api/v1/self-check/`, exactly as the self-check contract describes it."""

import json

import pytest

from education.models import Article
from tests.factories import make_article
from tests.triage.helpers import NEUROPATHY, walk

pytestmark = pytest.mark.django_db

URL = "/api/v1/self-check/"


def post(client, body, content_type="application/json"):
    if not isinstance(body, (str, bytes)):
        body = json.dumps(body)
    return client.post(URL, body, content_type=content_type)


def test_answers_get_an_outcome_in_the_contract_shape(client, starter_articles):
    response = post(client, NEUROPATHY)
    data = response.json()
    assert response.status_code == 200
    assert set(data) == {"urgency", "headline", "advice", "causes", "disclaimer"}
    assert data["urgency"] == "soon"
    first = data["causes"][0]
    assert set(first) == {"key", "title", "url", "reasons"}
    assert first["key"] == "peripheral_neuropathy"
    assert first["url"] == "/articles/peripheral-neuropathy/"
    assert client.get(first["url"]).status_code == 200
    assert first["reasons"] and all(isinstance(r, str) for r in first["reasons"])
    assert "not a diagnosis" in data["disclaimer"]


def test_a_cause_links_its_article_only_while_it_is_published(client, starter_articles):
    assert post(client, NEUROPATHY).json()["causes"][0]["url"] == "/articles/peripheral-neuropathy/"
    article = Article.objects.get(language="en", slug="peripheral-neuropathy")
    article.status = Article.Status.DRAFT
    article.save()
    assert post(client, NEUROPATHY).json()["causes"][0]["url"] == "/articles/"
    article.status = Article.Status.PUBLISHED
    article.save()
    assert post(client, NEUROPATHY).json()["causes"][0]["url"] == "/articles/peripheral-neuropathy/"


def test_only_red_flags_are_required(client):
    response = post(client, {"red_flags": ["none"]})
    assert response.status_code == 200
    # With nothing else answered no cause fits, and a missing answer never reassures: see a doctor.
    assert response.json()["urgency"] == "soon"
    assert response.json()["causes"] == []


def test_an_emergency_names_the_number_from_settings(client, settings):
    settings.EMERGENCY_NUMBER = "112"
    data = post(client, {"red_flags": ["saddle_numbness"]}).json()
    assert data["urgency"] == "emergency"
    assert "112" in data["headline"] + data["advice"]
    assert "{emergency_number}" not in json.dumps(data)


def test_the_form_and_the_api_give_the_same_outcome(client, starter_articles):
    api = post(client, NEUROPATHY).json()
    walk(client, NEUROPATHY)
    html = client.get("/self-check/result/").content.decode()
    assert api["headline"] in html
    for cause in api["causes"]:
        assert f'href="{cause["url"]}"' in html
        for reason in cause["reasons"]:
            assert reason.replace("'", "&#x27;") in html


@pytest.mark.parametrize(
    ("body", "key"),
    [
        ("this is not json", "__all__"),
        ("[1, 2]", "__all__"),
        ('"red_flags"', "__all__"),
        ("null", "__all__"),
        ({}, "red_flags"),
        ({"start_location": "toes"}, "red_flags"),
        ({"red_flags": ["none"], "favourite_colour": "blue"}, "favourite_colour"),
        ({"red_flags": ["none"], "start_location": "moon"}, "start_location"),
        ({"red_flags": ["headache"]}, "red_flags"),
        ({"red_flags": ["none"], "start_location": ["toes"]}, "start_location"),
        ({"red_flags": "none"}, "red_flags"),
        ({"red_flags": ["none"], "sensations": "burning"}, "sensations"),
        ({"red_flags": None}, "red_flags"),
        ({"red_flags": ["none"], "onset": None}, "onset"),
        ({"red_flags": ["none", "chest_pain"]}, "red_flags"),
        ({"red_flags": ["none"], "signs": ["none", "fever"]}, "signs"),
        ({"red_flags": ["none"], "legs": 2}, "legs"),
        ({"red_flags": [1]}, "red_flags"),
        ({"red_flags": []}, "red_flags"),
    ],
)
def test_malformed_answers_get_a_400_with_reasons(client, body, key):
    response = post(client, body)
    assert response.status_code == 400
    errors = response.json()["errors"]
    assert key in errors
    assert all(isinstance(message, str) and message for message in errors[key])


def test_a_body_over_10_kb_is_refused(client):
    body = json.dumps({"red_flags": ["none"], "padding": "x" * 11000})
    response = post(client, body)
    assert response.status_code == 400
    assert "too large" in response.json()["errors"]["__all__"][0]


def test_bytes_that_are_not_utf8_are_a_400(client):
    response = post(client, b"\xff\xfe\x00{")
    assert response.status_code == 400


def test_other_methods_get_a_json_405(client):
    response = client.get(URL)
    assert response.status_code == 405
    assert response["Allow"] == "POST"
    assert "errors" in response.json()


def test_api_needs_no_csrf_token(client):
    from django.test import Client

    strict = Client(enforce_csrf_checks=True)
    assert post(strict, {"red_flags": ["none"]}).status_code == 200


def test_outcomes_are_never_cached(client):
    assert "no-store" in post(client, {"red_flags": ["none"]})["Cache-Control"]


def test_a_new_article_for_a_cause_is_linked_as_soon_as_it_is_published(client):
    # An article names the cause it explains; nothing in the rules has to change for the self-check to link it.
    answers = {"red_flags": ["short_of_breath"]}
    before = {c["key"]: c["url"] for c in post(client, answers).json()["causes"]}
    assert before["pulmonary_embolism"] == "/articles/"
    make_article(slug="pulmonary-embolism", title="Pulmonary embolism", cause_key="pulmonary_embolism")
    after = {c["key"]: c["url"] for c in post(client, answers).json()["causes"]}
    assert after["pulmonary_embolism"] == "/articles/pulmonary-embolism/"


@pytest.mark.parametrize("urgency", ["emergency", "urgent", "soon", "self_care"])
def test_no_placeholder_reaches_a_patient(client, urgency):
    from triage.examples import BY_URGENCY

    data = post(client, BY_URGENCY[urgency]).json()
    text = json.dumps(data)
    assert "{doctor}" not in text and "{emergency_number}" not in text
    if urgency == "soon":
        assert data["headline"] == "Book an appointment with your doctor"
