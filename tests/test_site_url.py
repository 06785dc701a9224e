"""SITE_URL, when set, is the address in every absolute link: pages, sitemap, feed and the content API."""

from __future__ import annotations

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db

PUBLIC = "https://legs.example.org"


@pytest.fixture
def public_address(settings):
    settings.SITE_URL = PUBLIC


def test_every_absolute_link_uses_the_public_address(client, public_address):
    make_article(slug="sciatica", title="Sciatica")
    page = client.get("/articles/sciatica/").content.decode()
    assert f'<link rel="canonical" href="{PUBLIC}/articles/sciatica/">' in page
    sitemap = client.get("/sitemap.xml").content.decode()
    assert f"<loc>{PUBLIC}/articles/sciatica/</loc>" in sitemap and "testserver" not in sitemap
    feed = client.get("/feed/").content.decode()
    assert f'href="{PUBLIC}/articles/sciatica/"' in feed and "testserver" not in feed
    api = client.get("/api/v1/articles/").json()
    assert api["articles"][0]["url"] == f"{PUBLIC}/articles/sciatica/"
    assert client.get("/api/v1/openapi.json").json()["servers"][0]["url"].startswith(PUBLIC)


def test_without_it_links_follow_the_request(client):
    make_article(slug="sciatica", title="Sciatica")
    assert "<loc>http://testserver/articles/sciatica/</loc>" in client.get("/sitemap.xml").content.decode()
    assert client.get("/api/v1/articles/").json()["articles"][0]["url"] == "http://testserver/articles/sciatica/"
