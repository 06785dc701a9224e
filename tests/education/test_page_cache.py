"""Public content pages are cached whole, and an article change is visible at once."""

import pytest
from django.core.cache import caches

from education.models import Article, Clinic
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_cached_article_page_is_served_without_touching_the_database(client, django_assert_num_queries):
    article = make_article(title="Sciatica", slug="sciatica")
    first = client.get(article.get_absolute_url())
    with django_assert_num_queries(0):
        second = client.get(article.get_absolute_url())
    assert second.content == first.content
    assert second["Content-Type"] == "text/html; charset=utf-8"


def test_editing_an_article_shows_at_once(client):
    article = make_article(title="Sciatica", slug="sciatica", cause_key="sciatica")
    assert "Sciatica" in client.get("/").content.decode()
    article.title = "Sciatica (nerve pain)"
    article.save()
    assert "Sciatica (nerve pain)" in client.get("/").content.decode()
    assert "Sciatica (nerve pain)" in client.get(article.get_absolute_url()).content.decode()


def test_unpublishing_removes_the_page_at_once(client):
    article = make_article(slug="sciatica")
    assert client.get("/articles/sciatica/").status_code == 200
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get("/articles/sciatica/").status_code == 404


def test_changing_sources_or_links_shows_at_once(client):
    article = make_article(slug="sciatica")
    other = make_article(slug="disc", title="Slipped disc")
    client.get("/articles/sciatica/")
    article.related.add(other)
    assert 'href="/articles/disc/"' in client.get("/articles/sciatica/").content.decode()
    article.sources.create(title="NICE sciatica", url="https://cks.nice.org.uk/")
    assert "NICE sciatica" in client.get("/articles/sciatica/").content.decode()


def test_pages_for_one_host_are_not_served_to_another(client, settings):
    settings.ALLOWED_HOSTS = ["a.example", "b.example"]
    make_article(slug="sciatica")
    client.get("/articles/sciatica/", HTTP_HOST="a.example")
    html = client.get("/articles/sciatica/", HTTP_HOST="b.example").content.decode()
    assert "http://b.example/articles/sciatica/" in html


def test_cached_pages_are_kept_compressed_for_clients_that_accept_gzip(client):
    import gzip

    make_article(slug="sciatica", title="Sciatica")
    plain = client.get("/articles/sciatica/")
    for _ in range(2):  # the first fills the cache, the second is a hit
        zipped = client.get("/articles/sciatica/", HTTP_ACCEPT_ENCODING="gzip, deflate, br")
        assert zipped["Content-Encoding"] == "gzip"
        assert "Accept-Encoding" in zipped["Vary"]
        assert gzip.decompress(zipped.content) == plain.content
    assert "Content-Encoding" not in client.get("/articles/sciatica/")


def test_query_strings_that_do_not_change_the_page_share_one_cache_entry(client, starter_articles):
    pages = caches["pages"]
    for n in range(30):
        assert client.get(f"/articles/sciatica/?utm_source=mail&n={n}").status_code == 200
    assert len([key for key in pages._cache if ":page:" in key]) == 1


def test_a_cached_page_keeps_every_header_the_site_adds_and_says_it_varies_by_cookie(client):
    make_article(slug="sciatica", title="Sciatica")
    first = client.get("/articles/sciatica/")
    for _ in range(2):  # a hit is answered before most of the middleware, with the headers the first answer had
        response = client.get("/articles/sciatica/")
        for header in ["Content-Security-Policy", "X-Frame-Options", "Permissions-Policy", "Content-Type"]:
            assert response[header] == first[header], header
        # The clinic a cookie names changes the page, so no shared cache may hand it to another visitor.
        assert {"Accept-Encoding", "Cookie"} <= {part.strip() for part in response["Vary"].split(",")}
        assert response.content == first.content


def test_a_clinic_link_is_remembered_even_when_the_page_is_cached(client):
    Clinic.objects.create(name="Riverside Clinic", slug="riverside", phone="0161 555 0101")
    make_article(slug="sciatica", title="Sciatica")
    client.get("/articles/sciatica/")  # cached for visitors without a clinic
    client.get("/articles/sciatica/?clinic=riverside")
    response = client.get("/articles/sciatica/?clinic=riverside")
    assert client.cookies["clinic"].value == "riverside"
    assert "Shared by <strong>Riverside Clinic</strong>" in response.content.decode()


def test_a_search_is_kept_for_its_words_and_shows_an_edit_at_once(client, django_assert_num_queries):
    article = make_article(slug="sciatica", title="Sciatica", synonyms="pinched nerve")
    assert "Sciatica" in client.get("/search/?q=pinched+nerve").content.decode()
    with django_assert_num_queries(0):
        assert "Sciatica" in client.get("/search/?q=pinched+nerve&utm_source=x").content.decode()
    other = client.get("/search/?q=nerve+pain").content.decode()  # other words: another page
    assert 'value="nerve pain"' in other
    article.title = "Sciatica (a trapped nerve)"
    article.save()
    assert "Sciatica (a trapped nerve)" in client.get("/search/?q=pinched+nerve").content.decode()
