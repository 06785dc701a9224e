"""'Was this page helpful?': counted per article per month, with nothing personal kept."""

import pytest
from django.core.management import call_command

from education.feedback import FeedbackCount
from education.models import Article
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


def test_every_article_ends_with_the_question_and_it_works_without_javascript(client, starter_articles):
    page = client.get("/articles/sciatica/").content.decode()
    assert '<form method="post" action="/articles/sciatica/feedback/"' in page
    assert 'name="helpful" value="yes"' in page and 'name="helpful" value="no"' in page
    response = client.post("/articles/sciatica/feedback/", {"helpful": "yes"})
    assert response.status_code == 303 and response["Location"] == "/articles/sciatica/feedback/?helpful=yes"
    assert "Thank you" in client.get(response["Location"]).content.decode()
    article = Article.objects.get(language="en", slug="sciatica")
    assert FeedbackCount.objects.get(article=article).helpful == 1


def test_a_no_asks_why_from_a_short_list_and_counts_the_reason(client, starter_articles):
    response = client.post("/articles/sciatica/feedback/", {"helpful": "no"}, follow=True)
    page = response.content.decode()
    assert 'name="reason" id="reason-hard" value="hard"' in page
    client.post("/articles/sciatica/feedback/", {"reason": "hard"})
    row = FeedbackCount.objects.get(article__slug="sciatica", article__language="en")
    assert (row.not_helpful, row.hard, row.helpful) == (1, 1, 0)


def test_nothing_but_counts_is_kept(client, starter_articles):
    client.post("/articles/sciatica/feedback/", {"helpful": "no", "reason": "I have diabetes", "note": "x" * 50})
    row = FeedbackCount.objects.get()
    fields = {field.name for field in FeedbackCount._meta.get_fields()}
    assert fields == {"id", "article", "month", "helpful", "not_helpful", "hard", "missing", "wrong", "other"}
    assert "diabetes" not in str(list(FeedbackCount.objects.values()))
    assert row.not_helpful == 1
    assert client.post("/articles/sciatica/feedback/", {"reason": "I have diabetes"}).status_code == 400
    assert not client.cookies  # no cookie set either


def test_a_draft_takes_no_feedback(client):
    make_article(slug="draft", status=Article.Status.DRAFT)
    assert client.post("/articles/draft/feedback/", {"helpful": "yes"}).status_code == 404


def test_the_spanish_page_asks_in_spanish(client, starter_articles):
    page = client.get("/es/articles/sciatica/").content.decode()
    assert "¿Le fue útil esta página?" in page
    client.post("/es/articles/sciatica/feedback/", {"helpful": "yes"})
    assert FeedbackCount.objects.get(article__language="en", article__slug="sciatica").helpful == 1


def test_staff_see_the_counts_and_the_report_names_unhelpful_pages(client, starter_articles, capsys):
    for _ in range(6):
        client.post("/articles/gout/feedback/", {"helpful": "no"})
    client.post("/articles/gout/feedback/", {"helpful": "yes"})
    client.force_login(make_staff("Editor"))
    listing = client.get("/admin/education/article/").content.decode()
    assert "1 yes, 6 no" in listing
    gout = Article.objects.get(language="en", slug="gout")
    assert "<td>1</td><td>6</td>" in client.get(f"/admin/education/article/{gout.pk}/change/").content.decode()
    call_command("review_report")
    assert "6 of 7 said no  Gout" in capsys.readouterr().out
