"""The whole site in Spanish under /es/: pages, the self-check, the APIs, the feed and the sitemap."""

from __future__ import annotations

import re

import pytest
from django.core.management import call_command

from education.models import Article
from tests.factories import article_form_data, make_staff
from tests.triage.helpers import STEP_KEYS, STEP_URLS, ask_api
from triage.examples import BY_URGENCY, CALF_CLOT_AFTER_SURGERY

pytestmark = pytest.mark.django_db

PAGES = ["/", "/articles/", "/articles/sciatica/", "/self-check/", "/search/?q=sciatica", "/for-clinics/"]


def html_lang(page: str) -> str:
    return re.search(r'<html lang="([^"]+)"', page).group(1)


def alternates(page: str) -> dict[str, str]:
    return dict(re.findall(r'<link rel="alternate" hreflang="([^"]+)" href="([^"]+)"', page))


@pytest.mark.parametrize("path", PAGES)
def test_each_page_names_its_other_language_and_says_its_own(client, starter_articles, path):
    english = client.get(path).text
    spanish = client.get(f"/es{path}").text
    assert html_lang(english) == "en" and html_lang(spanish) == "es"
    bare = path.split("?")[0]
    assert alternates(english) == alternates(spanish)
    assert alternates(english)["es"].endswith(f"/es{bare}") and alternates(english)["en"].endswith(bare)
    # A visible switch to the other language, in that language.
    assert f'href="/es{bare}" hreflang="es" lang="es">Español</a>' in english
    assert f'href="{bare}" hreflang="en" lang="en">English</a>' in spanish


def test_a_spanish_article_is_in_spanish_with_spanish_links(client, starter_articles):
    page = client.get("/es/articles/sciatica/").text
    assert "<h1>Ciática</h1>" in page
    assert "Llame al 911" in page
    assert 'href="/es/articles/cauda-equina-syndrome/"' in page
    assert 'href="/es/self-check/"' in page


def test_an_untranslated_page_falls_back_to_english_with_a_note_in_spanish(client, starter_articles):
    Article.objects.filter(language="es", slug="gout").update(status=Article.Status.DRAFT)
    page = client.get("/es/articles/gout/").text
    assert "Esta página todavía no está traducida" in page
    assert '<article class="article" lang="en">' in page
    assert "<h1>Gout</h1>" in page
    listing = client.get("/es/articles/").text
    assert re.search(r'<li class="card" lang="en"><h2 class="card__heading"><a href="/es/articles/gout/">Gout', listing)
    assert "Ciática" in listing


def test_a_patient_can_finish_the_self_check_in_spanish(client, starter_articles):
    start = client.get("/es/self-check/").text
    assert html_lang(start) == "es"
    question = client.get("/es/self-check/questions/emergency-signs/").text
    assert "Do you have any of these right now?" not in question
    assert "Ninguna de estas" in question
    for slug, keys in STEP_KEYS.items():
        data = {key: CALF_CLOT_AFTER_SURGERY[key] for key in keys if key in CALF_CLOT_AFTER_SURGERY}
        response = client.post(f"/es{STEP_URLS[slug]}", data)
        assert response.status_code == 302
        assert response["Location"].startswith("/es/self-check/")
    result = client.get("/es/self-check/result/").text
    assert html_lang(result) == "es"
    assert "Vea a un médico hoy" in result
    assert 'href="/es/articles/deep-vein-thrombosis/"' in result
    assert "Usted dijo" in result or "Dijo" in result


def test_the_self_check_api_answers_in_spanish_when_asked(client, starter_articles):
    english = ask_api(client, BY_URGENCY["urgent"])
    response = client.post("/api/v1/self-check/?lang=es", CALF_CLOT_AFTER_SURGERY, content_type="application/json")
    spanish = response.json()
    assert response["Content-Language"] == "es"
    assert spanish["urgency"] == english["urgency"]
    assert spanish["headline"] != english["headline"] and "médico" in spanish["headline"]
    assert all(cause["url"].startswith("/es/") or "/es/" in cause["url"] for cause in spanish["causes"])
    by_header = client.post(
        "/api/v1/self-check/", CALF_CLOT_AFTER_SURGERY, content_type="application/json", HTTP_ACCEPT_LANGUAGE="es"
    ).json()
    assert by_header["headline"] == spanish["headline"]


def test_an_unknown_language_is_refused_with_a_reason(client):
    response = client.post("/api/v1/self-check/?lang=xx", {"red_flags": ["none"]}, content_type="application/json")
    assert response.status_code == 400
    assert "lang" in response.json()["errors"]


def test_the_content_api_and_feed_speak_spanish(client, starter_articles):
    english = client.get("/api/v1/articles/sciatica/")
    spanish = client.get("/api/v1/articles/sciatica/?lang=es")
    assert spanish.json()["title"] == "Ciática" and spanish.json()["language"] == "es"
    assert spanish.json()["url"].endswith("/es/articles/sciatica/")
    assert english["ETag"] != spanish["ETag"]
    assert spanish.json()["sources"] == english.json()["sources"]
    assert "Ciática" in client.get("/feed/?lang=es").text
    assert "Ciática" in client.get("/es/feed/").text
    assert "Ciática" not in client.get("/feed/").text


def test_the_sitemap_lists_both_languages(client, starter_articles):
    sitemap = client.get("/sitemap.xml").text
    assert "/es/articles/sciatica/</loc>" in sitemap and "/articles/sciatica/</loc>" in sitemap
    assert 'hreflang="es"' in sitemap


def test_a_stale_translation_shows_the_english_changes_and_is_reported(client, starter_articles, capsys):
    english = Article.objects.get(language="en", slug="sciatica")
    english.body = english.body.replace("## What is sciatica?", "## What is sciatica, and who gets it?")
    english.save()
    spanish = Article.objects.get(language="es", slug="sciatica")
    client.force_login(make_staff("Editor"))
    page = client.get(f"/admin/education/article/{spanish.pk}/change/").text
    assert "The English changed since this was translated" in page
    assert "+## What is sciatica, and who gets it?" in page
    call_command("review_report")
    assert "Ciática" in capsys.readouterr().out
    english_page = client.get(f"/admin/education/article/{english.pk}/change/").text
    assert "Español: Ciática, Published (the English changed since)" in english_page


def test_a_translator_records_that_a_translation_caught_up(client, starter_articles):
    english = Article.objects.get(language="en", slug="gout")
    english.summary = "Gout is a sudden, very painful swelling of a joint, often the big toe."
    english.save()
    spanish = Article.objects.get(language="es", slug="gout")
    Article.objects.filter(pk=spanish.pk).update(status=Article.Status.DRAFT)
    spanish.refresh_from_db()
    client.force_login(make_staff("Editor"))
    data = article_form_data(spanish, caught_up="on")
    response = client.post(f"/admin/education/article/{spanish.pk}/change/", data)
    assert response.status_code == 302, response.content.decode()[:3000]
    page = client.get(f"/admin/education/article/{spanish.pk}/change/").text
    assert "Up to date: the English has not changed" in page


def test_an_english_article_offers_to_start_its_translation(client, db):
    english = Article.objects.create(title="Shin pain", slug="shin-pain", summary="Shin pain.", body="Text.\n")
    client.force_login(make_staff("Editor"))
    page = client.get(f"/admin/education/article/{english.pk}/change/").text
    link = f"/admin/education/article/add/?translation_of={english.pk}&amp;language=es"
    assert f'href="{link}">Add the Español translation</a>' in page
    form = client.get(link.replace("&amp;", "&")).text
    assert f'<option value="{english.pk}" selected>' in form


def test_the_admin_shows_a_spanish_articles_inflesz_score(client, starter_articles):
    spanish = Article.objects.get(language="es", slug="sciatica")
    client.force_login(make_staff("Editor"))
    page = client.get(f"/admin/education/article/{spanish.pk}/change/").text
    assert re.search(r"INFLESZ \d+(\.\d)? \(plain Spanish; the target is 55 or more\)", page)


@pytest.mark.parametrize(
    "url", ["/es/no-such-page/", "/infobutton/?mainSearchCriteria.v.c=Z99.9&informationRecipient.languageCode.c=es"]
)
def test_a_spanish_error_page_leads_back_into_the_spanish_site(client, url):
    response = client.get(url)
    assert response.status_code in {400, 404}
    html = response.content.decode()
    for path in ('href="/es/"', 'href="/es/articles/"', 'href="/es/self-check/"', 'action="/es/search/"'):
        assert path in html, path
    assert 'href="/articles/"' not in html.split("<main", 1)[1].split("</main>", 1)[0]


def test_an_english_error_page_leads_back_into_the_english_site(client):
    html = client.get("/no-such-page/").content.decode()
    assert 'href="/articles/"' in html and 'action="/search/"' in html
