"""Every starter article in plain Spanish, at its /es/ address, linked to its English original."""

import re
import statistics

import pytest

from education.models import Article
from education.readability import inflesz
from education.starter_content import CONTENT_DIR, load_articles

SPANISH_SLUGS = sorted(path.stem for path in CONTENT_DIR.glob("es/*.md"))


@pytest.fixture(scope="module")
def loaded(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock():
        load_articles()
        yield
        Article.objects.all().delete()


def test_every_english_starter_article_has_a_spanish_one():
    assert sorted(path.stem for path in CONTENT_DIR.glob("*.md")) == SPANISH_SLUGS


@pytest.mark.parametrize("slug", SPANISH_SLUGS)
def test_each_spanish_article_is_plain_spanish_and_safe_first(loaded, db, slug):
    article = Article.objects.get(language="es", slug=slug)
    assert article.translation_of == Article.objects.get(language="en", slug=slug)
    assert article.status == Article.Status.PUBLISHED
    assert inflesz(article.html) >= 55, f"{slug} scores {inflesz(article.html)} on the INFLESZ scale"
    cards = re.findall(r'class="care-card care-card--(\w+)"', article.html)
    assert cards and cards[0] == "emergency", f"{slug}: the emergency signs must come first"
    english_cards = re.findall(r'class="care-card care-card--(\w+)"', article.translation_of.html)
    assert cards == english_cards, f"{slug}: the same care cards as the English, in the same order"
    assert "{{" not in article.html and "[[" not in article.html


def test_spanish_articles_read_easily_on_average(loaded, db):
    scores = [inflesz(article.html) for article in Article.objects.filter(language="es")]
    assert statistics.mean(scores) >= 62


def test_every_internal_link_in_a_spanish_article_stays_in_spanish_and_resolves(loaded, db, client):
    for article in Article.objects.filter(language="es"):
        for link in set(re.findall(r'href="(/[^"#]*)', article.html)):
            assert link.startswith("/es/"), f"{article.slug} links out of Spanish: {link}"
            assert client.get(link).status_code == 200, f"{article.slug}: {link}"
