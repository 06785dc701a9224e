"""What a patient sees: the home page, article pages, the list of causes and errors."""

import json
import re

import pytest

from education.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_home_answers_the_question_shows_emergency_signs_first_and_lists_causes(client):
    make_article(
        title="Sciatica", slug="sciatica", cause_key="sciatica", area="back", compare_starts="Back", compare_legs="One"
    )
    make_article(title="Gout", slug="gout", cause_key="gout", area="foot")
    make_article(title="Shingles", slug="shingles", cause_key="shingles")
    response = client.get("/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "<h1>Why is pain travelling up my leg?</h1>" in html
    assert html.index('id="emergency-signs"') < html.index('id="causes-heading"')
    assert 'href="/self-check/"' in html
    # Grouped by where the pain starts, in the body's order, with a cause that has no area last.
    headings = re.findall(r'<h3 id="area-([a-z_]+)">([^<]+)</h3>', html)
    assert headings == [("back", "Back and buttock"), ("foot", "Shin, ankle and foot"), ("other", "Other causes")]
    assert html.index('href="/articles/sciatica/"') < html.index('href="/articles/gout/"')
    assert html.index('href="/articles/gout/"') < html.index('href="/articles/shingles/"')
    assert "<dt>Legs</dt><dd>One</dd>" in html
    assert 'href="#area-foot"' in html


def test_drafts_are_not_public(client):
    make_article(title="Secret draft", slug="secret-draft", cause_key="dvt", status=Article.Status.DRAFT)
    assert client.get("/articles/secret-draft/").status_code == 404
    for url in ["/", "/articles/", "/search/?q=secret", "/sitemap.xml"]:
        assert "secret-draft" not in client.get(url).content.decode(), url


def test_article_page_shows_everything_a_patient_needs(client):
    other = make_article(title="Herniated disc", slug="herniated-disc", summary="A disc presses on a nerve.")
    article = make_article(
        title="Sciatica",
        slug="sciatica",
        summary="Pain that shoots from your back down your leg.",
        body="## What is it?\n\nNerve pain.\n\n!!! emergency\n    - both legs go weak\n",
        icd10_codes="M54.3",
        sources=[("NHS: Sciatica", "https://www.nhs.uk/conditions/sciatica/")],
        related=[other],
    )
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<h1>Sciatica</h1>" in html
    assert '<nav class="breadcrumbs" aria-label="Breadcrumb">' in html
    assert '<a href="#what-is-it">What is it?</a>' in html
    assert "care-card--emergency" in html
    assert "Call 911 now if:" in html
    assert "Last reviewed" in html and "Dr Ada Reviewer" in html and "Next review due" in html
    assert '<a href="https://www.nhs.uk/conditions/sciatica/">NHS: Sciatica</a>' in html
    assert 'href="/articles/herniated-disc/"' in html
    assert 'href="/self-check/"' in html
    assert '<meta name="description" content="Pain that shoots from your back down your leg.">' in html
    assert '<link rel="canonical" href="http://testserver/articles/sciatica/">' in html
    assert '<meta property="og:title" content="Sciatica">' in html
    assert "Printed from http://testserver/articles/sciatica/" in html


def test_article_page_describes_itself_to_search_engines(client):
    article = make_article(title="Cellulitis", slug="cellulitis", icd10_codes="L03.1")
    html = client.get(article.get_absolute_url()).content.decode()
    data = json.loads(re.search(r'<script type="application/ld\+json">(.*?)</script>', html).group(1))
    assert data["@type"] == "MedicalWebPage"
    assert data["about"]["@type"] == "MedicalCondition"
    assert data["about"]["code"][0]["code"] == "L03.1"
    assert data["lastReviewed"] == "2026-11-01"
    assert data["reviewedBy"]["name"] == "Dr Ada Reviewer"


def test_structured_data_cannot_break_out_of_its_script(client):
    article = make_article(title="</script><script>alert(1)</script>", slug="odd")
    html = client.get(article.get_absolute_url()).content.decode()
    assert "<script>alert(1)" not in html


def test_related_drafts_are_not_linked(client):
    draft = make_article(slug="hidden", status=Article.Status.DRAFT)
    article = make_article(slug="shown", related=[draft])
    assert 'href="/articles/hidden/"' not in client.get(article.get_absolute_url()).content.decode()


def test_articles_list_in_display_order(client):
    make_article(title="Second", display_order=20)
    make_article(title="First", display_order=10)
    html = client.get("/articles/").content.decode()
    assert html.index("First") < html.index("Second")


def test_unknown_page_is_a_friendly_404_with_search(client):
    response = client.get("/articles/no-such-thing/")
    html = response.content.decode()
    assert response.status_code == 404
    assert "Page not found" in html
    assert 'role="search"' in html
    assert "call 911" in html


def test_page_views_only_read(client):
    assert client.post("/").status_code == 405


@pytest.mark.parametrize("url", ["/", "/articles/", "/articles/condition-x/", "/search/?q=pain"])
def test_public_pages_use_a_fixed_number_of_queries(client, django_assert_max_num_queries, url):
    articles = [make_article(cause_key="dvt", sources=[("S", "https://example.org/")]) for _ in range(25)]
    target = make_article(slug="condition-x", related=articles[:5], sources=[("NHS", "https://www.nhs.uk/")])
    assert target.pk
    with django_assert_max_num_queries(3):
        assert client.get(url).status_code == 200


def test_every_page_has_a_skip_link_landmarks_and_no_third_party_resources(client):
    make_article(slug="a")
    for url in ["/", "/articles/", "/articles/a/", "/search/", "/self-check/", "/missing/"]:
        html = client.get(url).content.decode()
        assert '<a class="skip-link" href="#main">' in html, url
        assert '<main id="main"' in html and "<header" in html and "<footer" in html and "<nav" in html, url
        assert '<html lang="en">' in html, url
        hosts = re.findall(r"<(?:script|link|img|iframe)[^>]+(?:src|href)=\"(?:https?:)?//([^/\"]+)", html)
        assert set(hosts) <= {"testserver"}, f"{url} loads from another site: {hosts}"


def test_the_contents_list_shows_an_ampersand_once_escaped(client):
    make_article(slug="cramps", title="Cramps", body="## Cramps & spasms\n\nText.\n\n## More\n\nText.\n")
    page = client.get("/articles/cramps/").content.decode()
    contents = page.split('class="contents"', 1)[1].split("</nav>", 1)[0]
    assert ">Cramps &amp; spasms</a>" in contents and "&amp;amp;" not in page


@pytest.mark.parametrize("url", ["/es/", "/es/articles/", "/es/articles/condition-x/", "/es/search/?q=dolor"])
def test_spanish_pages_use_a_fixed_number_of_queries(client, django_assert_max_num_queries, url):
    # Each English article's translation is one more lookup for the whole page, however many articles there are.
    articles = [make_article(cause_key="dvt", sources=[("S", "https://example.org/")]) for _ in range(25)]
    target = make_article(slug="condition-x", related=articles[:5], sources=[("NHS", "https://www.nhs.uk/")])
    for article in [*articles, target]:
        make_article(slug=article.slug, language="es", translation_of=article, title=f"Dolor {article.pk}")
    with django_assert_max_num_queries(5):
        assert client.get(url).status_code == 200
