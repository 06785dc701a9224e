"""Search, deep links, clinic links and the content API answer any address or query with a clear answer."""

from urllib.parse import quote

import pytest
from hypothesis import example, given
from hypothesis import strategies as st

from education.models import Clinic
from tests.hostile.fuzzing import (
    assert_form_error_page,
    assert_inert,
    assert_json_errors,
    assert_not_found_page,
    fuzz,
    text_of,
    url_part,
)

pytestmark = [
    pytest.mark.django_db,
    # Page-cache keys carry the query string; only memcached limits key length, and the site uses Redis or memory.
    pytest.mark.filterwarnings("ignore::django.core.cache.backends.base.CacheKeyWarning"),
]

PAGES = ["/", "/articles/", "/articles/sciatica/", "/search/?q=leg", "/for-clinics/", "/self-check/", "/feed/"]


@pytest.fixture
def site(starter_articles):
    Clinic.objects.create(name="Riverside Clinic", slug="riverside", phone="0161 555 0101")


# --- Search -----------------------------------------------------------------------------------------------------


@fuzz(60)
@given(q=url_part)
@example(q="%00")
@example(q="%ff%fe%fd")
@example(q="%C0%AF")
@example(q="%ED%A0%80")
@example(q="x" * 20_000)
@example(q="%25" * 500)
@example(q="leg%20pain")
@example(q="%3Cscript%3Ealert(1)%3C%2Fscript%3E")
def test_search_answers_any_query_with_results_or_a_form_error(client, site, q):
    response = client.get(f"/search/?q={q}")
    if response.status_code == 200:
        assert "result" in text_of(response)
    else:
        assert_form_error_page(response)
    assert_inert(text_of(response))


@fuzz(20)
@given(name=url_part, value=url_part)
def test_search_with_other_or_repeated_fields_is_a_form_error_or_results(client, site, name, value):
    response = client.get(f"/search/?{name}={value}&q={value}&q={name}")
    assert response.status_code in {200, 400}
    if response.status_code == 400:
        assert_form_error_page(response)


def test_search_refuses_posts(client, site):
    assert client.post("/search/", {"q": "leg"}).status_code == 405


# --- Deep links, clinic links and pages -------------------------------------------------------------------------


@fuzz(60)
@given(code=url_part)
@example(code="I80.2")
@example(code="i80%2029")
@example(code="I80.2%00")
@example(code="%ff")
@example(code="M54." + "9" * 5000)
def test_deep_links_open_an_article_or_say_the_code_is_unknown(client, site, code):
    response = client.get(f"/go/{code}/")
    if response.status_code == 302:
        assert response["Location"].startswith("/articles/")
    else:
        assert response.status_code == 404, response.status_code
        assert_inert(text_of(response))


@fuzz(40)
@given(slug=url_part)
@example(slug="riverside")
@example(slug="RIVERSIDE%00")
def test_clinic_links_go_home_whatever_the_slug(client, site, slug):
    response = client.get(f"/c/{slug}/")
    if response.status_code == 302:
        assert response["Location"] == "/"
    else:
        assert_not_found_page(response)


@fuzz(40)
@given(page=st.sampled_from(PAGES), clinic=url_part)
@example(page="/", clinic="riverside")
@example(page="/", clinic="%00")
def test_any_clinic_in_the_query_string_leaves_pages_working(client, site, page, clinic):
    joiner = "&" if "?" in page else "?"
    response = client.get(f"{page}{joiner}clinic={clinic}")
    assert response.status_code == 200, (page, response.status_code)
    if page != "/feed/":
        assert_inert(text_of(response))


@fuzz(40)
@given(slug=url_part, embed=st.booleans())
@example(slug="sciatica%00", embed=False)
def test_unknown_article_addresses_are_a_friendly_404(client, site, slug, embed):
    prefix = "/embed/articles/" if embed else "/articles/"
    response = client.get(f"{prefix}{slug}/")
    if response.status_code in {200, 301}:
        return  # the fuzzer found a real (or renamed) article's slug
    assert_not_found_page(response)


@fuzz(30)
@given(path=url_part)
def test_any_other_address_is_a_friendly_404(client, site, path):
    response = client.get(f"/{path}/{path}/")
    assert response.status_code in {200, 301, 302, 404}, response.status_code
    if response.status_code == 404:
        assert_not_found_page(response)


@pytest.mark.parametrize("url", ["/", "/articles/", "/articles/sciatica/", "/for-clinics/", "/go/I80.2/"])
def test_pages_refuse_other_methods_with_a_405(client, site, url):
    assert client.post(url, {"q": "x"}).status_code == 405
    assert client.put(url).status_code == 405


# --- The content API --------------------------------------------------------------------------------------------


@fuzz(50)
@given(slug=url_part)
@example(slug="deep-vein-thrombosis%00")
@example(slug="%00")
@example(slug="%ff%fe")
@example(slug="x" * 5000)
@example(slug="..%2F..%2Fopenapi.json")
def test_content_api_answers_any_slug_with_an_article_or_json_404(client, site, slug):
    response = client.get(f"/api/v1/articles/{slug}/")
    if response.status_code == 200:
        assert response.json()["slug"]
        return
    assert_json_errors(response, 404)


@fuzz(50)
@given(code=url_part)
@example(code="I80.2")
@example(code="%00")
@example(code="i80%0029")
@example(code="I80.2%ff")
@example(code="M54." + "4" * 5000)
def test_lookup_answers_any_code_with_articles_or_json_errors(client, site, code):
    response = client.get(f"/api/v1/lookup/?code={code}")
    if response.status_code == 200:
        assert response.json()["articles"]
        return
    assert_json_errors(response, {400, 404})


@fuzz(30)
@given(name=url_part, value=url_part, url=st.sampled_from(["/api/v1/articles/", "/api/v1/openapi.json"]))
def test_content_api_ignores_unknown_query_fields(client, site, name, value, url):
    response = client.get(f"{url}?{name}={value}&{value}={name}")
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"


@fuzz(30)
@given(path=url_part)
def test_unknown_api_addresses_are_a_json_404(client, site, path):
    assert_json_errors(client.get(f"/api/v1/{path}/{path}"), 404)


@pytest.mark.parametrize(
    "url", ["/api/v1/articles/", "/api/v1/articles/sciatica/", "/api/v1/lookup/?code=I80.2", "/api/v1/openapi.json"]
)
@pytest.mark.parametrize("method", ["post", "put", "patch", "delete"])
def test_the_content_api_refuses_writes_with_a_json_405(client, site, url, method):
    response = getattr(client, method)(url, b"{}", content_type="application/json")
    assert_json_errors(response, 405)
    assert response["Allow"] == "GET, HEAD"


# --- The Infobutton -----------------------------------------------------------------------------------------------

OIDS = st.sampled_from(["2.16.840.1.113883.6.90", "2.16.840.1.113883.6.96", "2.16.840.1.113883.6.3"])
RESPONSE_TYPES = st.sampled_from(["", "text/html", "application/json", "text/xml", "application/atom+xml"])


@fuzz(60)
@given(code=url_part, system=st.one_of(OIDS, url_part), name=url_part, language=url_part, kind=RESPONSE_TYPES)
@example(code="M54.4", system="2.16.840.1.113883.6.90", name="%00", language="%ff", kind="text/xml")
@example(code="23056005%00", system="2.16.840.1.113883.6.96", name="x" * 5000, language="es", kind="")
@example(code="%3Cscript%3E", system="%3Cscript%3E", name="%3Cscript%3E", language="es", kind="text/html")
def test_the_infobutton_answers_any_request_with_a_guide_a_feed_or_its_reasons(client, site, code, system, name,
                                                                               language, kind):  # fmt: skip
    response = client.get(
        f"/infobutton/?mainSearchCriteria.v.c={code}&mainSearchCriteria.v.cs={system}"
        f"&mainSearchCriteria.v.dn={name}&informationRecipient.languageCode.c={language}&knowledgeResponseType={quote(kind)}"
    )
    assert response.status_code in {200, 302, 400, 404}, response.status_code
    if response.status_code == 302:
        assert response["Location"].startswith(("/articles/", "/es/articles/"))
    elif kind == "application/json" and response.status_code == 400:
        assert_json_errors(response, 400)
    elif kind == "application/json":
        assert "entry" in response.json()["feed"]
    elif kind in {"text/xml", "application/atom+xml"}:
        assert response.content.startswith(b'<?xml version="1.0" encoding="utf-8"?>')
    else:
        assert_inert(text_of(response))
