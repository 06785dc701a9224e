"""For clinics: a visit in the clinic's context, embeds framed only by the clinic's site, the feed and the guide."""

import xml.etree.ElementTree as ET

import pytest
from django.core.exceptions import ValidationError
from django.test import Client

from education.models import Article, Clinic
from tests.factories import make_article
from tests.triage.helpers import NEUROPATHY, walk

pytestmark = pytest.mark.django_db

RIVERSIDE = "https://www.riverside-clinic.example"


@pytest.fixture
def riverside():
    return Clinic.objects.create(
        name="Riverside Clinic",
        slug="riverside",
        phone="0161 555 0101",
        booking_url="https://book.riverside-clinic.example/",
        opening_hours="Monday to Friday, 8am to 6pm",
        embed_origins=f"{RIVERSIDE}\nhttps://portal.riverside-clinic.example",
    )


def test_a_clinic_link_puts_the_visit_in_its_context(client, riverside):
    make_article(slug="sciatica")
    response = client.get("/c/riverside/")
    assert response["Location"] == "/"
    assert response.cookies["clinic"].value == "riverside"
    for url in ["/", "/articles/sciatica/", "/self-check/"]:
        assert "Shared by <strong>Riverside Clinic</strong>" in client.get(url).content.decode(), url


def test_clinic_in_the_query_string_works_on_any_page(client, riverside):
    make_article(slug="sciatica")
    html = client.get("/articles/sciatica/?clinic=riverside").content.decode()
    assert "Shared by <strong>Riverside Clinic</strong>" in html
    assert "Shared by" in client.get("/").content.decode()


def test_an_unknown_clinic_is_ignored(client, riverside):
    response = client.get("/c/nobody/")
    assert response["Location"] == "/"
    assert "clinic" not in response.cookies
    assert "Shared by" not in client.get("/?clinic=nobody").content.decode()


def test_pages_cached_for_one_clinic_are_not_shown_for_another(client, riverside):
    Clinic.objects.create(name="Hillside Surgery", slug="hillside", phone="1")
    make_article(slug="sciatica")
    client.get("/articles/sciatica/?clinic=riverside")
    assert "Hillside Surgery" in client.get("/articles/sciatica/?clinic=hillside").content.decode()
    plain = client.__class__().get("/articles/sciatica/").content.decode()
    assert "Shared by" not in plain


def test_the_self_check_names_the_clinic_instead_of_your_doctor(client, riverside):
    client.get("/c/riverside/")
    walk(client, NEUROPATHY)
    html = client.get("/self-check/result/").content.decode()
    assert "Book an appointment with Riverside Clinic" in html
    assert "your doctor" not in html.lower().replace("show this to your doctor", "")
    assert 'href="tel:01615550101"' in html
    assert 'href="https://book.riverside-clinic.example/"' in html
    assert "Monday to Friday, 8am to 6pm" in html


def test_an_emergency_still_says_call_the_emergency_number(client, riverside):
    client.get("/c/riverside/")
    client.post("/self-check/questions/emergency-signs/", {"red_flags": ["chest_pain"]})
    html = client.get("/self-check/emergency/").content.decode()
    assert "Call 911" in html
    assert "Contact Riverside Clinic" not in html


def test_embeds_render_without_the_sites_header_and_footer(client, riverside):
    make_article(slug="sciatica", title="Sciatica")
    article = client.get("/embed/articles/sciatica/").content.decode()
    assert "<h1>Sciatica</h1>" in article
    assert 'class="site-header"' not in article and 'class="site-footer"' not in article
    assert '<base target="_top">' in article
    start = client.get("/embed/self-check/").content.decode()
    assert 'class="site-header"' not in start
    assert 'action="/embed/self-check/questions/emergency-signs/"' in start


@pytest.mark.parametrize("url", ["/embed/self-check/", "/embed/articles/sciatica/"])
def test_embeds_may_be_framed_only_by_registered_clinic_origins(client, riverside, url):
    make_article(slug="sciatica")
    response = client.get(url)
    directives = dict(d.strip().split(" ", 1) for d in response["Content-Security-Policy"].split(";"))
    assert set(directives["frame-ancestors"].split()) == {RIVERSIDE, "https://portal.riverside-clinic.example"}
    assert "X-Frame-Options" not in response


def test_embeds_refuse_framing_when_no_clinic_is_registered(client):
    response = client.get("/embed/self-check/")
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


@pytest.mark.parametrize("url", ["/", "/articles/", "/self-check/", "/for-clinics/", "/search/"])
def test_every_other_page_refuses_framing(client, riverside, url):
    response = client.get(url)
    assert response["X-Frame-Options"] == "DENY"
    assert "frame-ancestors 'none'" in response["Content-Security-Policy"]


def test_clinic_origins_are_validated():
    clinic = Clinic(
        name="X", slug="x", phone="1", embed_origins="https://ok.example\nnot-an-origin\nhttps://x.example/path"
    )
    with pytest.raises(ValidationError, match="not-an-origin"):
        clinic.full_clean()


def test_a_clinic_change_shows_at_once(client, riverside):
    client.get("/c/riverside/")
    client.get("/")
    riverside.name = "Riverside Health Centre"
    riverside.save()
    assert "Riverside Health Centre" in client.get("/").content.decode()


def test_the_clinic_admin_page_offers_snippets(admin_client, riverside):
    html = admin_client.get(f"/admin/education/clinic/{riverside.pk}/change/").content.decode()
    assert "http://testserver/c/riverside/" in html
    assert "http://testserver/go/I80.2/?clinic=riverside" in html
    assert "&lt;iframe src=&quot;http://testserver/embed/self-check/?clinic=riverside&quot;" in html or (
        '&lt;iframe src="http://testserver/embed/self-check/?clinic=riverside"' in html
    )


def test_the_feed_lists_published_articles_newest_first(client):
    make_article(slug="older", title="Older")
    make_article(slug="newer", title="Newer")
    make_article(slug="draft", title="Draft", status=Article.Status.DRAFT)
    response = client.get("/feed/")
    assert response["Content-Type"].startswith("application/atom+xml")
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    ns = {"a": "http://www.w3.org/2005/Atom"}
    titles = [e.findtext("a:title", namespaces=ns) for e in root.findall("a:entry", ns)]
    assert titles == ["Newer", "Older"]
    assert root.find("a:entry/a:updated", ns) is not None


def test_the_for_clinics_page_explains_every_way_in_with_live_examples(client, riverside):
    make_article(slug="deep-vein-thrombosis", title="DVT", icd10_codes="I80.2")
    html = client.get("/for-clinics/").content.decode()
    for expected in ["/go/I80.2/", "/c/your-clinic/", "&lt;iframe", "/api/v1/articles/", "/api/v1/openapi.json",
                     "/feed/", "I80.2"]:  # fmt: skip
        assert expected in html, expected
    for link in ["/go/I80.2/", "/api/v1/articles/", "/api/v1/lookup/?code=M54.4", "/feed/", "/api/v1/openapi.json"]:
        assert client.get(link).status_code in (200, 302, 404), link
    assert client.get("/go/I80.2/")["Location"] == "/articles/deep-vein-thrombosis/"


def test_links_patients_follow_are_web_links_however_they_are_saved():
    from education.models import Source

    article = make_article()
    with pytest.raises(ValidationError):
        Source.objects.create(article=article, title="Bad", url="javascript:alert(1)")
    with pytest.raises(ValidationError):
        Clinic.objects.create(name="X", slug="x", phone="1", booking_url="javascript:alert(1)")


def test_the_first_question_shows_the_clinic_only_to_its_patients(client, riverside):
    # The first question is rendered once per worker for everyone who has not answered; the clinic is part of it.
    question = "/self-check/questions/emergency-signs/"
    assert "Shared by <strong>Riverside Clinic</strong>" in client.get(f"{question}?clinic=riverside").text
    assert "Shared by" not in Client().get(question).text
    assert "Shared by <strong>Riverside Clinic</strong>" in client.get(question).text
