"""Security headers on every response, and the health check."""

import pytest
from django.db import DatabaseError

pytestmark = pytest.mark.django_db


@pytest.mark.parametrize("url", ["/", "/self-check/", "/search/?q=leg", "/missing/"])
def test_every_page_sends_a_strict_content_security_policy_and_other_headers(client, url):
    response = client.get(url)
    csp = response["Content-Security-Policy"]
    assert "default-src 'self'" in csp
    assert "script-src 'self'" in csp and "unsafe-inline" not in csp
    assert "frame-ancestors 'none'" in csp
    assert response["X-Content-Type-Options"] == "nosniff"
    assert response["Referrer-Policy"] == "same-origin"
    assert "geolocation=()" in response["Permissions-Policy"]
    assert response["X-Frame-Options"] == "DENY"


def test_no_page_has_inline_script_or_style(client, starter_articles):
    for url in ["/", "/articles/", "/articles/sciatica/", "/self-check/", "/self-check/questions/emergency-signs/"]:
        html = client.get(url).content.decode()
        assert "<style" not in html, url
        assert " style=" not in html, url
        for chunk in html.split("<script")[1:]:
            assert chunk.lstrip().startswith(('type="application/ld+json"', "src=")), url


def test_html_is_compressed_for_clients_that_accept_it(client, starter_articles):
    response = client.get("/articles/sciatica/", HTTP_ACCEPT_ENCODING="gzip")
    assert response["Content-Encoding"] == "gzip"


def test_healthz_reports_the_database(client):
    response = client.get("/healthz")
    assert response.status_code == 200
    assert response.json() == {"status": "ok", "database": "ok", "cache": "ok"}


def test_healthz_says_when_the_database_is_unreachable(client, monkeypatch):
    def broken(*args, **kwargs):
        raise DatabaseError("connection refused")

    monkeypatch.setattr("django.db.backends.utils.CursorWrapper.execute", broken)
    response = client.get("/healthz")
    assert response.status_code == 503
    assert response.json()["database"] == "unreachable"
