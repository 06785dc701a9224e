"""The read-only content API for clinic systems, held to its OpenAPI description."""

from email.utils import parsedate_to_datetime

import jsonschema
import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper
from openapi_spec_validator import validate

from education.models import Article
from tests.factories import make_article
from triage.examples import BY_URGENCY

pytestmark = pytest.mark.django_db


@pytest.fixture
def spec(client):
    document = client.get("/api/v1/openapi.json").json()
    validate(document)
    return document


def assert_matches(spec, name, data):
    schema = {"$ref": f"#/components/schemas/{name}", "components": spec["components"]}
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())


@pytest.fixture
def dvt():
    return make_article(
        slug="deep-vein-thrombosis",
        title="Deep vein thrombosis",
        cause_key="dvt",
        icd10_codes="I80.2, I82.4",
        snomed_codes="128053003, 404223003",
        body="## What is it?\n\nA clot.\n\n### In the calf\n\nOften.",
        sources=[("NHS: DVT", "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/")],
    )


def test_the_openapi_description_is_valid(spec):
    assert spec["openapi"].startswith("3.")
    assert set(spec["paths"]) >= {"/api/v1/articles/", "/api/v1/articles/{slug}/", "/api/v1/lookup/"}


def test_the_article_list_matches_its_description(client, spec, dvt):
    make_article(slug="draft", status=Article.Status.DRAFT)
    data = client.get("/api/v1/articles/").json()
    assert_matches(spec, "ArticleList", data)
    assert [a["slug"] for a in data["articles"]] == ["deep-vein-thrombosis"]
    first = data["articles"][0]
    assert first["url"] == "http://testserver/articles/deep-vein-thrombosis/"
    assert first["icd10_codes"] == ["I80.2", "I82.4"]
    assert first["cause_key"] == "dvt" and first["cause_keys"] == ["dvt"]


def test_one_article_matches_its_description(client, spec, dvt):
    data = client.get("/api/v1/articles/deep-vein-thrombosis/").json()
    assert_matches(spec, "Article", data)
    assert '<h2 id="what-is-it">What is it?</h2>' in data["html"]
    assert data["headings"] == [
        {"id": "what-is-it", "text": "What is it?", "level": 2},
        {"id": "in-the-calf", "text": "In the calf", "level": 3},
    ]
    assert data["sources"] == [{"title": "NHS: DVT", "url": "https://www.nhs.uk/conditions/deep-vein-thrombosis-dvt/"}]


def test_lookup_matches_codes_as_go_does(client, spec, dvt):
    data = client.get("/api/v1/lookup/", {"code": "i80.29"}).json()
    assert_matches(spec, "Lookup", data)
    assert data["code"] == "I80.29"
    assert [a["slug"] for a in data["articles"]] == ["deep-vein-thrombosis"]


@pytest.mark.parametrize(
    "query",
    [
        {"code": "404223003"},
        {"code": "404223003", "system": "snomed"},
        {"code": "404223003", "system": "2.16.840.1.113883.6.96"},
    ],
)
def test_lookup_finds_snomed_ct_codes_by_their_form_or_when_told(client, spec, dvt, query):
    data = client.get("/api/v1/lookup/", query).json()
    assert_matches(spec, "Lookup", data)
    assert (data["code"], data["system"]) == ("404223003", "snomed")
    assert [a["slug"] for a in data["articles"]] == ["deep-vein-thrombosis"]
    assert data["articles"][0]["snomed_codes"] == ["128053003", "404223003"]


def test_the_list_can_be_only_the_articles_with_codes_in_one_system(client, spec, dvt):
    make_article(slug="icd-only", icd10_codes="M54.4")
    make_article(slug="no-codes")
    assert len(client.get("/api/v1/articles/").json()["articles"]) == 3
    snomed = client.get("/api/v1/articles/?system=snomed").json()
    assert_matches(spec, "ArticleList", snomed)
    assert [a["slug"] for a in snomed["articles"]] == ["deep-vein-thrombosis"]
    icd10 = client.get("/api/v1/articles/?system=icd10").json()["articles"]
    assert sorted(a["slug"] for a in icd10) == ["deep-vein-thrombosis", "icd-only"]


@pytest.mark.parametrize(
    ("url", "status", "key"),
    [
        ("/api/v1/articles/nothing-here/", 404, "slug"),
        ("/api/v1/articles/draft/", 404, "slug"),
        ("/api/v1/articles/bad%20slug!/", 404, "slug"),
        ("/api/v1/lookup/", 400, "code"),
        ("/api/v1/lookup/?code=", 400, "code"),
        ("/api/v1/lookup/?code=hello", 400, "code"),
        ("/api/v1/lookup/?code=Z99.9", 404, "code"),
        ("/api/v1/lookup/?code=128053004", 400, "code"),  # the SNOMED CT check digit is wrong
        ("/api/v1/lookup/?code=22298006", 404, "code"),
        ("/api/v1/lookup/?code=M54.4&system=snomed", 400, "code"),
        ("/api/v1/lookup/?code=M54.4&system=loinc", 400, "system"),
        ("/api/v1/articles/?system=icd9", 400, "system"),
        ("/api/v1/nowhere/", 404, "__all__"),
    ],
)
def test_errors_are_clear_json(client, spec, dvt, url, status, key):
    make_article(slug="draft", status=Article.Status.DRAFT)
    response = client.get(url)
    assert response.status_code == status
    assert response["Content-Type"] == "application/json"
    assert_matches(spec, "Errors", response.json())
    assert response.json()["errors"][key][0]


def test_conditional_gets_answer_304(client, dvt):
    first = client.get("/api/v1/articles/deep-vein-thrombosis/")
    etag, modified = first["ETag"], first["Last-Modified"]
    assert client.get("/api/v1/articles/deep-vein-thrombosis/", HTTP_IF_NONE_MATCH=etag).status_code == 304
    assert client.get("/api/v1/articles/", HTTP_IF_MODIFIED_SINCE=modified).status_code == 304
    dvt.title = "DVT"
    dvt.save()
    again = client.get("/api/v1/articles/deep-vein-thrombosis/", HTTP_IF_NONE_MATCH=etag)
    assert again.status_code == 200 and again.json()["title"] == "DVT"


def test_any_site_may_read_it_from_a_browser(client, dvt):
    response = client.get("/api/v1/articles/", HTTP_ORIGIN="https://www.riverside-clinic.example")
    assert response["Access-Control-Allow-Origin"] == "*"
    preflight = client.options(
        "/api/v1/articles/",
        HTTP_ORIGIN="https://www.riverside-clinic.example",
        HTTP_ACCESS_CONTROL_REQUEST_METHOD="GET",
    )
    assert preflight.status_code == 200
    assert "GET" in preflight["Access-Control-Allow-Methods"]
    assert "POST" not in preflight["Access-Control-Allow-Methods"]


def test_the_api_is_read_only(client, dvt):
    assert client.post("/api/v1/articles/").status_code == 405
    assert client.delete("/api/v1/articles/deep-vein-thrombosis/").status_code == 405


def test_the_self_check_api_matches_its_description(client, spec, starter_articles):
    data = client.post("/api/v1/self-check/", {"red_flags": ["none"]}, content_type="application/json").json()
    assert_matches(spec, "Outcome", data)
    for urgency, answers in BY_URGENCY.items():
        assert_matches(spec, "Answers", answers)
        data = client.post("/api/v1/self-check/", answers, content_type="application/json").json()
        assert data["urgency"] == urgency
        assert_matches(spec, "Outcome", data)
    with pytest.raises(jsonschema.ValidationError):
        assert_matches(spec, "Answers", {"red_flags": ["none"], "legs": "three"})
    errors = client.post("/api/v1/self-check/", {}, content_type="application/json").json()
    assert_matches(spec, "Errors", errors)


@pytest.mark.parametrize(
    "header", [{"HTTP_IF_NONE_MATCH": "*"}, {"HTTP_IF_MODIFIED_SINCE": "Sat, 01 Jan 2000 00:00:00 GMT"}]
)
def test_validators_never_stand_in_for_an_article_that_is_not_published(client, header):
    make_article(slug="draft-only", status=Article.Status.DRAFT)
    assert client.get("/api/v1/articles/no-such-article/", **header).status_code == 404
    assert client.get("/api/v1/articles/draft-only/", **header).status_code == 404


def test_withdrawing_an_article_changes_the_lists_validators_and_never_moves_them_back(client, dvt):
    make_article(slug="sciatica", title="Sciatica")
    first = client.get("/api/v1/articles/")
    dvt.status = Article.Status.DRAFT
    dvt.save()
    after = client.get(
        "/api/v1/articles/", HTTP_IF_NONE_MATCH=first["ETag"], HTTP_IF_MODIFIED_SINCE=first["Last-Modified"]
    )
    assert after.status_code == 200
    assert [a["slug"] for a in after.json()["articles"]] == ["sciatica"]
    assert after["ETag"] != first["ETag"]
    assert parsedate_to_datetime(after["Last-Modified"]) >= parsedate_to_datetime(first["Last-Modified"])


def _documented(spec, path, method):
    return set(spec["paths"][path][method]["responses"])


def test_every_status_the_api_returns_is_documented(client, spec, dvt, settings, monkeypatch):
    for path in ("/api/v1/articles/", "/api/v1/articles/{slug}/", "/api/v1/lookup/"):
        url = path.replace("{slug}", "deep-vein-thrombosis")
        response = client.put(url)
        assert response.status_code == 405 and "405" in _documented(spec, path, "get")
        assert_matches(spec, "Errors", response.json())
    settings.RATELIMIT_RATE = "1/m"
    for _ in range(2):
        limited = client.post("/api/v1/self-check/", {"red_flags": ["none"]}, content_type="application/json")
    assert limited.status_code == 429 and "429" in _documented(spec, "/api/v1/self-check/", "post")
    assert_matches(spec, "Errors", limited.json())

    def refuse(self, *args, **kwargs):
        raise OperationalError("connection refused")

    monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)
    down = client.get("/api/v1/articles/")
    assert down.status_code == 503 and "503" in _documented(spec, "/api/v1/articles/", "get")
    assert_matches(spec, "Errors", down.json())


def test_the_content_api_and_the_self_check_agree_on_every_causes_page(client, starter_articles):
    from triage.engine import CauseMatch
    from triage.services import linked_causes
    from triage.vocabulary import ALL_CAUSE_KEYS

    listed = client.get("/api/v1/articles/").json()["articles"]
    by_cause = {key: article["url"] for article in listed for key in article["cause_keys"]}
    assert set(by_cause) == set(ALL_CAUSE_KEYS)

    class Outcome:  # only the causes matter to the links
        causes = [CauseMatch(key, key, score=1, reasons=(), urgency="soon") for key in ALL_CAUSE_KEYS]

    for cause in linked_causes(Outcome()):
        assert by_cause[cause.key] == f"http://testserver{cause.url}", cause.key
