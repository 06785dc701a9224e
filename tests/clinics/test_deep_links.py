"""Stable links: renamed articles keep their old address, and /go/<ICD-10 code>/ finds the right guide."""

import pytest

from education.codes import code_candidates
from education.models import Article
from tests.factories import make_article

pytestmark = pytest.mark.django_db


def test_a_renamed_article_redirects_from_its_old_address_for_good(client):
    article = make_article(slug="blood-clot", title="Blood clot")
    article.slug = "deep-vein-thrombosis"
    article.save()
    response = client.get("/articles/blood-clot/")
    assert response.status_code == 301
    assert response["Location"] == "/articles/deep-vein-thrombosis/"
    article.slug = "dvt"
    article.save()
    assert client.get("/articles/blood-clot/")["Location"] == "/articles/dvt/"
    assert client.get("/articles/deep-vein-thrombosis/")["Location"] == "/articles/dvt/"


def test_an_old_address_of_an_unpublished_article_is_a_404(client):
    article = make_article(slug="old-name")
    article.slug = "new-name"
    article.status = Article.Status.DRAFT
    article.save()
    assert client.get("/articles/old-name/").status_code == 404


def test_old_embed_addresses_redirect_to_the_new_embed(client):
    article = make_article(slug="old-name")
    article.slug = "new-name"
    article.save()
    assert client.get("/embed/articles/old-name/")["Location"] == "/embed/articles/new-name/"


@pytest.mark.parametrize(
    ("code", "expected"),
    [
        ("I80.29", ["I80.29", "I80.2", "I80"]),
        ("i8029", ["I80.29", "I80.2", "I80"]),
        (" m54.4 ", ["M54.4", "M54"]),
        ("L03", ["L03"]),
        ("not a code", []),
        ("<script>", []),
        ("I8", []),
    ],
)
def test_code_candidates_run_from_specific_to_parent(code, expected):
    assert code_candidates(code) == expected


@pytest.mark.parametrize("code", ["I80.2", "i80.2", "I802", "i802", "I80.29", "I80.299"])
def test_go_finds_the_article_by_code_with_or_without_the_dot_and_from_a_child_code(client, code):
    make_article(slug="deep-vein-thrombosis", icd10_codes="I80.2, I82.4")
    response = client.get(f"/go/{code}/")
    assert response.status_code == 302
    assert response["Location"] == "/articles/deep-vein-thrombosis/"


def test_go_prefers_the_exact_code_to_a_parent(client):
    make_article(slug="general", icd10_codes="I80", display_order=1)
    make_article(slug="superficial", icd10_codes="I80.0", display_order=2)
    assert client.get("/go/I80.0/")["Location"] == "/articles/superficial/"
    assert client.get("/go/I80.1/")["Location"] == "/articles/general/"


def test_go_with_a_category_finds_articles_filed_under_it(client):
    make_article(slug="sciatica", icd10_codes="M54.3, M54.4")
    assert client.get("/go/M54/")["Location"] == "/articles/sciatica/"


def test_an_unknown_or_malformed_code_is_a_helpful_404(client):
    make_article(slug="sciatica", title="Sciatica", icd10_codes="M54.3")
    for code in ["Z99.9", "nonsense", "%3Cscript%3E"]:
        response = client.get(f"/go/{code}/")
        html = response.content.decode()
        assert response.status_code == 404
        assert 'role="search"' in html
        assert "Sciatica" in html and "M54.3" in html
        assert "<script>" not in html


def test_go_never_leaves_the_site(client):
    make_article(slug="sciatica", icd10_codes="M54.3")
    for code in ["//evil.example", "https:%2F%2Fevil.example", "M54.3%2F..%2F..%2F%2Fevil.example"]:
        response = client.get(f"/go/{code}/")
        location = response.get("Location", "")
        assert not location.startswith("//") and "evil" not in location


def test_drafts_are_not_found_by_code(client):
    make_article(slug="draft", icd10_codes="I80.2", status=Article.Status.DRAFT)
    assert client.get("/go/I80.2/").status_code == 404


@pytest.mark.parametrize("code", ["128053003", "404223003"])
def test_go_finds_the_article_by_snomed_ct_code(client, code):
    make_article(slug="deep-vein-thrombosis", icd10_codes="I80.2", snomed_codes="128053003, 404223003")
    response = client.get(f"/go/{code}/")
    assert response.status_code == 302
    assert response["Location"] == "/articles/deep-vein-thrombosis/"
