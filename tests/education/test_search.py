import re

import pytest

from tests.factories import make_article

pytestmark = pytest.mark.django_db


def results(client, query):
    return client.get("/search/", {"q": query})


def test_search_finds_titles_summaries_synonyms_and_bodies(client):
    make_article(title="Deep vein thrombosis", slug="dvt", synonyms="blood clot in leg")
    make_article(title="Cellulitis", slug="cellulitis", summary="A skin infection that spreads.")
    make_article(title="Sciatica", slug="sciatica", body="Pain that shoots down the back of the leg.")
    assert 'href="/articles/dvt/"' in results(client, "blood clot").content.decode()
    assert 'href="/articles/cellulitis/"' in results(client, "skin infection").content.decode()
    assert 'href="/articles/sciatica/"' in results(client, "shoots").content.decode()


def test_title_matches_come_first(client):
    make_article(title="Varicose veins", slug="varicose", body="Veins bulge.")
    make_article(title="Cellulitis", slug="cellulitis", body="It can follow varicose veins.", display_order=0)
    html = results(client, "varicose veins").content.decode()
    assert html.index("/articles/varicose/") < html.index("/articles/cellulitis/")


def test_no_results_suggests_what_to_do(client):
    html = results(client, "zebra").content.decode()
    assert "0 results for" in html
    assert 'href="/self-check/"' in html


def test_empty_or_overlong_search_is_a_clear_form_error(client):
    response = results(client, "")
    assert response.status_code == 400
    assert "There is a problem" in response.content.decode()
    assert 'href="#id_q"' in response.content.decode()
    response = results(client, "x" * 101)
    assert response.status_code == 400
    assert "100 characters or fewer" in response.content.decode()


def test_search_page_without_a_query_shows_the_form(client):
    response = client.get("/search/")
    assert response.status_code == 200
    assert '<input class="input" type="search" name="q" id="id_q"' in response.content.decode()


def test_search_input_is_escaped(client):
    html = results(client, "<script>alert(1)</script>").content.decode()
    assert "<script>alert(1)</script>" not in html


def test_search_uses_the_database_engines_own_text_search(client):
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    make_article(title="Deep vein thrombosis", slug="dvt", synonyms="blood clot in leg")
    with CaptureQueriesContext(connection) as queries:
        html = results(client, "blood clots").content.decode()
    sql = " ".join(q["sql"] for q in queries.captured_queries)
    if connection.vendor == "postgresql":
        # Full-text search matches word forms: "clots" finds "clot".
        assert "to_tsvector" in sql and "websearch_to_tsquery" in sql
        assert 'href="/articles/dvt/"' in html
    else:
        assert "LIKE" in sql


@pytest.mark.parametrize(
    ("words", "slug"),
    [
        ("charley horse", "muscle-cramps"),
        ("shin splints", "shin-splints"),
        ("red streak", "lymphangitis"),
        ("gout attack", "gout"),
        ("lump behind knee", "bakers-cyst"),
        ("blood clot in lung", "pulmonary-embolism"),
        ("burning outer thigh", "meralgia-paresthetica"),
        ("restless legs", "restless-legs"),
    ],
)
def test_the_words_patients_use_find_the_right_page_first(client, starter_articles, words, slug):
    html = client.get("/search/", {"q": words}).content.decode()
    first = re.search(r'<ul class="card-list">.*?href="/articles/([^/]+)/"', html, re.S)
    assert first and first.group(1) == slug, (words, first and first.group(1))
