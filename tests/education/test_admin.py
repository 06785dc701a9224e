"""Staff edit articles in Django admin."""

import pytest
from django.contrib.auth.models import User

from education.models import Article
from tests.factories import article_form_data, make_article

pytestmark = pytest.mark.django_db


@pytest.fixture
def staff_client(client):
    user = User.objects.create_superuser("editor", "editor@example.org", "a long staff password 42")
    client.force_login(user)
    return client


def test_article_list_shows_status_review_dates_and_reading_grade(staff_client):
    make_article(title="Sciatica")
    html = staff_client.get("/admin/education/article/").content.decode()
    for column in ["Status", "Last reviewed", "Next review due", "Reading grade", "Sciatica"]:
        assert column in html


def test_add_form_explains_markdown_and_care_cards(staff_client):
    html = staff_client.get("/admin/education/article/add/").content.decode()
    assert "!!! emergency" in html and "!!! self_care" in html
    assert "prepopulated" in html


def test_saving_in_admin_renders_the_article(staff_client):
    response = staff_client.post(
        "/admin/education/article/add/",
        article_form_data(
            body="## What is it?\n\n!!! urgent\n    - {{ sign:cannot_walk }}\n\n<script>alert(1)</script>",
            icd10_codes="m76.8",
            snomed_codes="202888004 ,\n 128053003",
            **{
                "sources-TOTAL_FORMS": "1",
                "sources-0-title": "NHS: Shin splints",
                "sources-0-url": "https://www.nhs.uk/conditions/shin-splints/",
                "sources-0-order": "0",
            },
        ),
    )
    assert response.status_code == 302, response.content.decode()[:3000]
    article = Article.objects.get(language="en", slug="shin-splints")
    assert "care-card--urgent" in article.body_html
    assert "<script" not in article.body_html
    assert article.icd10_codes == "M76.8"
    assert article.snomed_codes == "202888004, 128053003"
    assert article.reading_grade is not None and article.word_count > 0
    assert article.status == Article.Status.DRAFT  # publishing is a reviewer's separate step


def test_bad_codes_and_long_summaries_are_form_errors(staff_client):
    response = staff_client.post(
        "/admin/education/article/add/",
        article_form_data(title="X", slug="x", summary="s" * 161, icd10_codes="not a code"),
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "do not look like ICD-10 codes" in html
    assert "at most 160 characters" in html
    assert not Article.objects.filter(language="en", slug="x").exists()


@pytest.mark.parametrize(
    ("code", "problem"),
    [
        ("128053004", "check digit"),
        ("23056006", "check digit"),
        ("0128053003", "6 to 18 digits"),
        ("I80.2", "6 to 18 digits"),
        ("1229012012", "not a concept"),  # a description ID: its partition is 01
    ],
)
def test_snomed_ct_codes_are_checked_before_they_are_saved(staff_client, code, problem):
    response = staff_client.post(
        "/admin/education/article/add/", article_form_data(title="X", slug="x", snomed_codes=f"23056005, {code}")
    )
    html = response.content.decode()
    assert response.status_code == 200
    assert "These are not SNOMED CT concept IDs" in html and problem in html and code in html
    assert "23056005 (" not in html  # the good code is not blamed
    assert not Article.objects.filter(language="en", slug="x").exists()


def test_view_on_site_links_to_the_article(staff_client):
    article = make_article(slug="sciatica")
    html = staff_client.get(f"/admin/education/article/{article.pk}/change/").content.decode()
    assert "View on site" in html


def test_strangers_cannot_reach_the_admin(client):
    response = client.get("/admin/education/article/")
    assert response.status_code == 302
    assert "/admin/login/" in response["Location"]
