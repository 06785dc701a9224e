"""Each starter article meets the site's content standards. Read-only checks, so the articles are loaded once."""

import re

import pytest

from education.models import Article, Picture
from education.starter_content import CONTENT_DIR, load_articles, load_pictures

STARTER_SLUGS = sorted(path.stem for path in CONTENT_DIR.glob("*.md"))


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    """The starter content, loaded once for this module (loading it takes about half a second); no test here
    changes it, and it is removed when the module is done."""
    with django_db_blocker.unblock():
        load_pictures()
        load_articles()
        yield
        Article.objects.all().delete()
        Picture.objects.all().delete()


@pytest.mark.parametrize("slug", STARTER_SLUGS)
def test_starter_article_is_plain_english_and_complete(loaded, db, slug):
    article = Article.objects.get(language="en", slug=slug)
    assert article.reading_grade <= 8, f"{slug} reads at grade {article.reading_grade}"
    assert 500 <= article.word_count <= 1000, f"{slug} has {article.word_count} words"
    assert len(article.summary) <= 160
    assert article.sources.count() >= 3
    assert all(s.url.startswith("https://") for s in article.sources.all())
    # Nobody's name stands on a page until a clinician has signed it off.
    assert not (article.last_reviewed or article.reviewer_name or article.reviewer_credentials)
    assert article.related.exists()
    cards = re.findall(r'class="care-card care-card--(\w+)"', article.html)
    assert cards and cards[0] == "emergency", f"{slug}: the emergency signs must come first, got {cards}"
    before_emergency = article.html.split('class="care-card care-card--emergency"')[0]
    assert len(re.sub(r"<[^>]+>", " ", before_emergency).split()) < 200, f"{slug}: emergency signs come too late"
    if article.cause_key:
        assert article.codes and article.synonym_list
        assert article.compare_starts and article.compare_legs and article.compare_feels
        assert article.compare_worse and article.compare_urgency and article.area


@pytest.mark.parametrize("slug", STARTER_SLUGS)
def test_every_internal_link_in_a_starter_article_resolves(loaded, db, client, slug):
    article = Article.objects.get(language="en", slug=slug)
    links = set(re.findall(r'href="(/[^"]*)"', article.html))
    for link in links:
        path = link.split("#")[0]
        assert client.get(path).status_code == 200, f"{slug} links to {link}, which does not resolve"
    for anchor in re.findall(r'href="#([^"]+)"', article.html):
        assert f'id="{anchor}"' in article.html, f"{slug} links to a missing anchor #{anchor}"


@pytest.mark.parametrize("slug", STARTER_SLUGS)
def test_each_starter_article_has_a_described_diagram_in_both_languages(loaded, db, slug):
    from django.utils import translation

    for language in ("en", "es"):
        article = Article.objects.get(slug=slug, language=language)
        with translation.override(language):
            figure = re.search(r'<figure class="diagram">.*?</figure>', article.html, re.S)
        assert figure, f"{language}/{slug} has no diagram"
        assert re.search(r'<img src="/media/pictures/[^"]+\.svg" alt="[^"]{10,}"', figure.group(0))
        assert re.search(
            r"<details class=\"diagram__description\"><summary>[^<]+</summary><p>[^<]{40,}</p>", figure.group(0)
        )
