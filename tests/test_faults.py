"""Faults: the database gone or refusing writes gives a clear answer, keeps cached pages up and loses no text."""

import pytest
from django.db import OperationalError
from django.db.backends.base.base import BaseDatabaseWrapper

from education.models import Article, Clinic
from tests.factories import article_form_data, make_article, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def database_down(monkeypatch):
    def refuse(self, *args, **kwargs):
        raise OperationalError("could not connect to server: Connection refused")

    def take_down():
        monkeypatch.setattr(BaseDatabaseWrapper, "cursor", refuse)

    return take_down


def test_a_page_that_needs_the_database_gets_a_friendly_503(client, database_down):
    make_article(slug="sciatica")
    database_down()
    response = client.get("/articles/sciatica/")
    html = response.content.decode()
    assert response.status_code == 503
    assert response["Retry-After"] == "30"
    assert "not working right now" in html and "call 911" in html
    assert "Traceback" not in html and "OperationalError" not in html


def test_cached_article_pages_keep_being_served(client, database_down):
    make_article(slug="sciatica", title="Sciatica")
    client.get("/articles/sciatica/")
    client.get("/")
    database_down()
    assert "<h1>Sciatica</h1>" in client.get("/articles/sciatica/").content.decode()
    assert client.get("/").status_code == 200
    assert client.get("/healthz").status_code == 503


def test_the_api_answers_503_json(client, database_down):
    database_down()
    response = client.get("/api/v1/articles/")
    assert response.status_code == 503
    assert "errors" in response.json()


def test_a_refused_staff_save_keeps_the_editors_text(client, monkeypatch):
    article = make_article(slug="shin", status=Article.Status.DRAFT, body="Old text.")
    client.force_login(make_staff("Editor"))

    def read_only(*args, **kwargs):
        raise OperationalError("attempt to write a readonly database")

    monkeypatch.setattr(Article, "save", read_only)
    response = client.post(
        f"/admin/education/article/{article.pk}/change/",
        article_form_data(
            article, title="Shin pain", summary="Pain in the shin.", body="Two hours of careful writing."
        ),
    )
    html = response.content.decode()
    assert response.status_code == 503
    assert "could not save your changes" in html
    assert "Two hours of careful writing." in html
    monkeypatch.undo()
    assert Article.objects.get(pk=article.pk).body == "Old text.\n"


def test_the_self_check_gives_its_advice_without_the_database(client, database_down):
    client.post("/self-check/questions/emergency-signs/", {"red_flags": ["short_of_breath"]})
    database_down()
    response = client.get("/self-check/emergency/")
    assert response.status_code == 200
    assert "Call 911" in response.content.decode()
    answer = client.post("/api/v1/self-check/", {"red_flags": ["chest_pain"]}, content_type="application/json")
    assert answer.status_code == 200 and answer.json()["urgency"] == "emergency"
    assert all(cause["url"] == "/articles/" for cause in answer.json()["causes"])


def test_clinic_pages_and_embeds_work_without_the_database(client, database_down):
    Clinic.objects.create(name="Hill", slug="hill", embed_origins="https://hill.example.org")
    client.get("/embed/self-check/")  # the origins are known once
    database_down()
    embed = client.get("/embed/self-check/?clinic=hill")
    assert embed.status_code == 200
    assert "https://hill.example.org" in embed["Content-Security-Policy"]
    assert client.get("/c/hill/").status_code in (302, 503)
    assert client.get("/self-check/?clinic=hill").status_code == 200
