import pytest
from django.core.exceptions import ImproperlyConfigured

from site_config.env import envbool, envint, envlist


def test_envbool_reads_common_spellings_and_rejects_others(monkeypatch):
    monkeypatch.setenv("FLAG", "yes")
    assert envbool("FLAG", False) is True
    monkeypatch.setenv("FLAG", "0")
    assert envbool("FLAG", True) is False
    monkeypatch.delenv("FLAG")
    assert envbool("FLAG", True) is True
    monkeypatch.setenv("FLAG", "maybe")
    with pytest.raises(ImproperlyConfigured, match="FLAG must be true or false"):
        envbool("FLAG", False)


def test_envint_rejects_words(monkeypatch):
    monkeypatch.setenv("NUMBER", "12")
    assert envint("NUMBER", 1) == 12
    monkeypatch.setenv("NUMBER", "twelve")
    with pytest.raises(ImproperlyConfigured, match="NUMBER must be a whole number"):
        envint("NUMBER", 1)


def test_envlist_splits_on_commas(monkeypatch):
    monkeypatch.setenv("HOSTS", "a.example, b.example,,")
    assert envlist("HOSTS", []) == ["a.example", "b.example"]
    monkeypatch.delenv("HOSTS")
    assert envlist("HOSTS", ["default"]) == ["default"]


def test_sitemap_lists_published_articles_and_robots_points_to_it(client, starter_articles):
    sitemap = client.get("/sitemap.xml").content.decode()
    assert "http://testserver/articles/sciatica/" in sitemap
    assert "http://testserver/self-check/" in sitemap
    robots = client.get("/robots.txt")
    assert robots["Content-Type"].startswith("text/plain")
    assert "Sitemap: http://testserver/sitemap.xml" in robots.content.decode()


def test_static_files_are_hashed_for_far_future_caching(client, db):
    html = client.get("/").content.decode()
    assert "/static/css/site." in html and ".css" in html
    assert 'href="/static/css/site.css"' not in html


def test_favicon_requests_find_the_icon(client, db):
    response = client.get("/favicon.ico")
    assert response.status_code == 302
    assert response["Location"].startswith("/static/favicon.")
    assert client.get(response["Location"]).status_code == 200
