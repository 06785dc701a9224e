"""Work comes to staff: their lists on the staff home page, and email when an article moves on."""

import datetime

import pytest
from django.core import mail
from django.utils import timezone

from education import workflow
from education.models import StaffProfile
from tests.factories import article_form_data, make_article, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def team(db):
    eddie = make_staff("Editor", first_name="Eddie", last_name="Editor")
    rita = make_staff("Clinical reviewer", first_name="Rita", last_name="Reviewer")
    StaffProfile.objects.create(user=rita, credentials="GP")
    for person, address in ((eddie, "eddie@clinic.example"), (rita, "rita@clinic.example")):
        person.email = address
        person.save()
    return eddie, rita


def written_by(client, user, **fields):
    client.force_login(user)
    assert client.post("/admin/education/article/add/", article_form_data(**fields)).status_code == 302
    from education.models import Article

    return Article.objects.get(language="en", slug=fields.get("slug", "shin-splints"))


def panel(client, user):
    client.force_login(user)
    page = client.get("/admin/").content.decode()
    return page.split('id="my-work"')[1].split("</div>")[0]


def test_each_person_sees_what_is_waiting_for_them(client, team, django_capture_on_commit_callbacks):
    eddie, rita = team
    article = written_by(client, eddie, title="Shin splints")
    assert "Shin splints" in panel(client, eddie).split("Your drafts")[1]
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(article, "submit", user=eddie)
    assert "Shin splints" in panel(client, rita).split("Returned to you")[0]
    assert "Nothing is waiting for you." in panel(client, eddie)
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(article, "return_to_draft", user=rita, reason="Add the self-care advice")
    assert "Shin splints" in panel(client, eddie).split("Returned to you")[1].split("Your drafts")[0]


def test_reviewers_hear_of_a_submission_and_writers_of_a_return_and_a_publication(
    client, team, django_capture_on_commit_callbacks
):
    eddie, rita = team
    article = written_by(client, eddie, title="Shin splints")
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(article, "submit", user=eddie)
    assert [m.to for m in mail.outbox] == [["rita@clinic.example"]]
    assert mail.outbox[0].subject == "Waiting for your review: Shin splints"
    assert f"/admin/education/article/{article.pk}/change/" in mail.outbox[0].body
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(article, "return_to_draft", user=rita, reason="Add the self-care advice")
    assert mail.outbox[1].to == ["eddie@clinic.example"] and "Add the self-care advice" in mail.outbox[1].body
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(article, "submit", user=eddie)
        article.refresh_from_db()
        workflow.perform(article, "publish", user=rita, reason="Checked", seen_version=article.edit_version)
    assert mail.outbox[-1].subject == "Published: Shin splints" and mail.outbox[-1].to == ["eddie@clinic.example"]


def test_the_writer_of_a_draft_revision_hears_when_it_is_published(client, team, django_capture_on_commit_callbacks):
    eddie, rita = team
    live = make_article(slug="shin", title="Shin pain")
    revision = workflow.start_revision(live, user=eddie)
    workflow.perform(revision, "submit", user=eddie)
    revision.refresh_from_db()
    with django_capture_on_commit_callbacks(execute=True):
        workflow.perform(revision, "publish", user=rita, reason="Fine", seen_version=revision.edit_version)
    assert mail.outbox[-1].to == ["eddie@clinic.example"]
    assert f"/admin/education/article/{live.pk}/change/" in mail.outbox[-1].body


def test_a_comment_is_kept_in_the_history_without_changing_the_article(client, team):
    eddie, rita = team
    article = written_by(client, eddie, title="Shin splints")
    workflow.perform(article, "submit", user=eddie)
    article.refresh_from_db()
    version = article.edit_version
    client.force_login(rita)
    data = {**article_form_data(article), "comment": "Please add when to see a physio."}
    assert client.post(f"/admin/education/article/{article.pk}/change/", data).status_code == 302
    article.refresh_from_db()
    assert article.edit_version == version  # the text a reviewer read did not move
    event = article.events.first()
    assert (event.action, event.user, event.reason) == ("comment", rita, "Please add when to see a physio.")
    assert rita.pk not in workflow.writers(article)  # commenting is not writing: Rita may still publish
    page = client.get(f"/admin/education/article/{article.pk}/change/").content.decode()
    assert "Please add when to see a physio." in page


def test_a_reviewer_schedules_publishing_and_the_command_publishes_then(client, team):
    from django.core.management import call_command

    eddie, rita = team
    article = written_by(client, eddie, title="Shin splints")
    workflow.perform(article, "submit", user=eddie)
    article.refresh_from_db()
    when = timezone.localtime() + datetime.timedelta(hours=2)
    client.force_login(rita)
    response = client.post(
        f"/admin/education/article/{article.pk}/action/publish/",
        {"reason": "Checked", "seen_version": article.edit_version, "publish_at": when.strftime("%Y-%m-%dT%H:%M")},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.status == "in_review" and article.publish_at is not None
    assert "To be published at" in client.get(f"/admin/education/article/{article.pk}/change/").content.decode()
    assert workflow.publish_due() == []  # not yet
    assert client.get("/articles/shin-splints/").status_code == 404
    assert workflow.publish_due(now=when + datetime.timedelta(minutes=1)) == ["Published: “Shin splints”"]
    article.refresh_from_db()
    assert article.status == "published" and article.publish_at is None
    call_command("publish_scheduled")  # nothing more to do, and no error


def scheduled_in_an_hour(client, team):
    """An article submitted by Eddie and scheduled by Rita to be published in an hour."""
    eddie, rita = team
    article = written_by(client, eddie, title="Shin splints")
    workflow.perform(article, "submit", user=eddie)
    article.refresh_from_db()
    when = timezone.now() + datetime.timedelta(hours=1)
    workflow.schedule_publish(article, user=rita, reason="Checked", seen_version=article.edit_version, when=when)
    article.refresh_from_db()
    return article, when


def test_a_scheduled_article_that_changes_first_is_not_published(client, team):
    article, when = scheduled_in_an_hour(client, team)
    article.save()  # the text moves on after the review
    outcome = workflow.publish_due(now=when + datetime.timedelta(minutes=1))
    assert outcome[0].startswith("Not published: “Shin splints”")
    article.refresh_from_db()
    assert article.status == "in_review" and article.publish_at is None
    assert article.events.first().action == "schedule_cancelled"


def test_returning_a_scheduled_article_to_draft_cancels_the_schedule(client, team):
    article, when = scheduled_in_an_hour(client, team)
    _eddie, rita = team
    workflow.perform(article, "return_to_draft", user=rita, reason="One more change")
    article.refresh_from_db()
    assert article.publish_at is None
    assert workflow.publish_due(now=when + datetime.timedelta(minutes=1)) == []


@pytest.mark.parametrize(
    ("typed", "expected"),
    [
        ("10/01/2025", "Enter the date with the date picker"),
        ("2020-01-01", "Choose a next review date after"),
        ("2035-01-01", "Choose a next review date after"),
    ],
)
def test_a_review_date_is_unambiguous_and_in_order(client, team, typed, expected):
    _eddie, rita = team
    article = make_article(slug="shin")
    client.force_login(rita)
    response = client.post(
        f"/admin/education/article/{article.pk}/mark-reviewed/", {"reason": "Checked", "next_review_due": typed}
    )
    assert response.status_code == 400 and expected in response.content.decode()


def test_a_reviewer_chooses_the_next_review_date_with_a_date_picker(client, team):
    _eddie, rita = team
    article = make_article(slug="shin")
    client.force_login(rita)
    form = client.get(f"/admin/education/article/{article.pk}/mark-reviewed/").content.decode()
    assert 'type="date" name="next_review_due"' in form
    chosen = timezone.localdate() + datetime.timedelta(days=180)
    response = client.post(
        f"/admin/education/article/{article.pk}/mark-reviewed/",
        {"reason": "Checked", "next_review_due": chosen.isoformat()},
    )
    assert response.status_code == 302
    article.refresh_from_db()
    assert article.next_review_due == chosen and article.last_reviewed == timezone.localdate()
