"""Four eyes, really: nobody publishes their own words, the reviewer publishes exactly what they read, and only the
review action says who reviewed, in the words of their staff profile.

Personas: an editor (Eddie), two clinical reviewers (Rita and Ravi).
"""

from __future__ import annotations

import pytest

from education.models import Article, StaffProfile
from tests.factories import article_form_data, make_article, make_staff

pytestmark = pytest.mark.django_db

ADMIN = "/admin/education/article/"


@pytest.fixture
def eddie():
    return make_staff("Editor", first_name="Eddie", last_name="Editor")


@pytest.fixture
def rita():
    user = make_staff("Clinical reviewer", first_name="Rita", last_name="Reviewer")
    StaffProfile.objects.create(user=user, credentials="Consultant vascular surgeon")
    return user


@pytest.fixture
def ravi():
    return make_staff("Clinical reviewer", first_name="Ravi", last_name="Second")


def as_user(client, user):
    client.force_login(user)
    return client


def write(client, user, **changes):
    """Write a new article in the admin, as `user`."""
    response = as_user(client, user).post(f"{ADMIN}add/", article_form_data(**changes))
    assert response.status_code == 302, response.content.decode()[:2000]
    return Article.objects.get(language="en", slug="shin-splints")


def step(client, user, article, action, **data):
    page = as_user(client, user).get(f"{ADMIN}{article.pk}/action/{action}/")
    seen = data.pop("seen_version", None)
    if seen is None and 'name="seen_version"' in page.content.decode():
        seen = Article.objects.get(pk=article.pk).edit_version
    form = {"reason": "Checked against NICE", **({"seen_version": seen} if seen is not None else {}), **data}
    return client.post(f"{ADMIN}{article.pk}/action/{action}/", form)


def test_a_reviewer_cannot_write_submit_and_publish_their_own_article(client, rita, ravi):
    article = write(client, rita)
    assert step(client, rita, article, "submit").status_code == 302
    refused = step(client, rita, article, "publish")
    assert refused.status_code == 400 and "another clinical reviewer" in refused.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    assert step(client, ravi, article, "publish").status_code == 302
    assert Article.objects.get(pk=article.pk).status == Article.Status.PUBLISHED


def test_a_reviewer_who_changed_someone_elses_draft_cannot_publish_it(client, eddie, rita, ravi):
    article = write(client, eddie)
    as_user(client, rita).post(f"{ADMIN}{article.pk}/change/", article_form_data(article, summary="Rita's words."))
    step(client, eddie, article, "submit")
    assert step(client, rita, article, "publish").status_code == 400
    assert step(client, ravi, article, "publish").status_code == 302


def test_text_in_review_is_locked_so_the_reviewer_publishes_what_they_read(client, eddie, rita):
    article = write(client, eddie, body="## What it is\n\nReviewed words.\n")
    step(client, eddie, article, "submit")
    as_user(client, eddie).post(
        f"{ADMIN}{article.pk}/change/", article_form_data(article, body="## What it is\n\nUnreviewed words.\n")
    )
    assert "Unreviewed" not in Article.objects.get(pk=article.pk).body
    assert step(client, rita, article, "publish").status_code == 302
    assert "Reviewed words" in client.get("/articles/shin-splints/").content.decode()


def test_a_publish_page_opened_before_a_change_publishes_nothing(client, eddie, rita):
    article = write(client, eddie, body="## What it is\n\nFirst words.\n")
    step(client, eddie, article, "submit")
    seen = Article.objects.get(pk=article.pk).edit_version
    page = as_user(client, rita).get(f"{ADMIN}{article.pk}/action/publish/").content.decode()
    assert "First words" in page and "What patients will see change" in page
    # Meanwhile the editor takes it back, changes it and submits it again.
    step(client, eddie, article, "return_to_draft")
    current = Article.objects.get(pk=article.pk)
    as_user(client, eddie).post(
        f"{ADMIN}{article.pk}/change/", article_form_data(current, body="## What it is\n\nChanged words.\n")
    )
    step(client, eddie, article, "submit")
    refused = step(client, rita, article, "publish", seen_version=seen)
    assert refused.status_code == 400 and "changed after you opened this page" in refused.content.decode()
    assert "Changed words" in refused.content.decode()  # the diff she must read now
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW


def test_an_editor_cannot_type_a_reviewer_or_credentials(client, eddie):
    article = write(client, eddie, reviewer_name="Dr Famous", reviewer_credentials="Professor of Everything")
    assert (article.reviewer_name, article.reviewer_credentials) == ("", "")
    page = as_user(client, eddie).get(f"{ADMIN}{article.pk}/change/").content.decode()
    assert 'name="reviewer_name"' not in page and 'name="reviewer_credentials"' not in page


def test_the_review_action_records_the_reviewer_from_their_profile(client, rita):
    article = make_article(slug="cramp", title="Cramp")
    as_user(client, rita).post(f"{ADMIN}{article.pk}/mark-reviewed/", {"reason": "Checked", "credentials": "Dr X"})
    article.refresh_from_db()
    assert (article.reviewer_name, article.reviewer_credentials) == ("Rita Reviewer", "Consultant vascular surgeon")
    page = client.get("/articles/cramp/").content.decode()
    assert "Rita Reviewer" in page and "Consultant vascular surgeon" in page and "Dr X" not in page


def test_a_reviewer_without_credentials_is_asked_to_add_them_first(client, ravi):
    article = make_article(slug="cramp", title="Cramp", reviewer_name="")
    response = as_user(client, ravi).post(f"{ADMIN}{article.pk}/mark-reviewed/", {"reason": "Checked"})
    assert response.status_code == 400 and "Ask an administrator" in response.content.decode()
    article.refresh_from_db()
    assert article.reviewer_name == ""


def test_a_second_page_for_a_cause_is_refused_so_the_self_check_links_one(client, eddie, rita):
    make_article(slug="shin-pain", title="Shin pain", cause_key="shin_splints")
    article = write(client, eddie, cause_key="shin_splints")
    step(client, eddie, article, "submit")
    refused = step(client, rita, article, "publish")
    assert refused.status_code == 400
    assert "“Shin pain” is already the published page for" in refused.content.decode()
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW


def test_a_translation_goes_through_the_same_review_before_patients_see_it(client, eddie, rita):
    english = make_article(slug="shin-pain", title="Shin pain")
    data = article_form_data(title="Dolor de espinilla", slug="x", summary="Dolor en la espinilla.", body="Texto.\n")
    response = as_user(client, eddie).post(
        f"{ADMIN}add/", {**data, "language": "es", "translation_of": str(english.pk)}
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    spanish = Article.objects.get(language="es", slug="shin-pain")  # a translation takes its article's address
    assert "Dolor de espinilla" not in client.get("/es/articles/shin-pain/").text
    assert step(client, eddie, spanish, "submit").status_code == 302
    assert step(client, eddie, spanish, "publish").status_code != 302  # not their own words
    assert step(client, rita, spanish, "publish").status_code == 302
    assert "<h1>Dolor de espinilla</h1>" in client.get("/es/articles/shin-pain/").text
    assert "<h1>Shin pain</h1>" in client.get("/articles/shin-pain/").text


def test_publishing_an_older_draft_revision_never_undoes_a_newer_review(client, eddie, rita, ravi):
    from education import workflow

    StaffProfile.objects.create(user=ravi, credentials="Physiotherapist")
    live = make_article(slug="shin", last_reviewed=None, reviewer_name="", reviewer_credentials="")
    revision = workflow.start_revision(live, user=eddie)  # begun before the review
    workflow.mark_reviewed(Article.objects.get(pk=live.pk), user=rita, reason="Checked against NICE")
    revision.body = "New words.\n"
    revision.save()
    workflow.perform(revision, "submit", user=eddie)
    revision.refresh_from_db()
    workflow.perform(revision, "publish", user=ravi, reason="Fine", seen_version=revision.edit_version)
    live.refresh_from_db()
    assert live.body.strip() == "New words."
    assert live.reviewer_name == "Rita Reviewer" and live.reviewer_credentials == "Consultant vascular surgeon"
