"""Staff editing in Django admin: roles, the review workflow, revisions, preview, history and conflicts.

Personas: a patient (anonymous), an editor, a clinical reviewer, and a stranger (staff with no role).
"""

import datetime
import re

import pytest
import reversion
from django.contrib.auth.models import Group
from django.core.management import call_command
from django.utils import timezone
from reversion.models import Version

from education import workflow
from education.models import Article, StaffProfile
from tests.factories import article_form_data as form_data
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

ADMIN = "/admin/education/article/"


@pytest.fixture
def editor(client):
    return make_staff("Editor", first_name="Eddie", last_name="Editor")


@pytest.fixture
def reviewer():
    rita = make_staff("Clinical reviewer", first_name="Rita", last_name="Reviewer")
    StaffProfile.objects.create(user=rita, credentials="GP, MRCGP")
    return rita


def as_user(client, user):
    client.force_login(user)
    return client


def act(client, article, action, reason=""):
    """Take a workflow step as the admin's form does; a publish names the version the reviewer has on screen."""
    seen = Article.objects.get(pk=article.pk).edit_version
    return client.post(f"{ADMIN}{article.pk}/action/{action}/", {"reason": reason, "seen_version": seen})


def refresh(article):
    article.refresh_from_db()
    return article


# Roles


def test_roles_are_created_with_the_right_permissions():
    editor = set(Group.objects.get(name="Editor").permissions.values_list("codename", flat=True))
    reviewer = set(Group.objects.get(name="Clinical reviewer").permissions.values_list("codename", flat=True))
    assert {"add_article", "change_article"} <= editor
    assert not {"publish_article", "review_article", "delete_article"} & editor
    assert editor < reviewer
    assert {"publish_article", "review_article", "delete_article"} <= reviewer


def test_a_stranger_cannot_open_the_articles(client):
    as_user(client, make_staff(None))
    assert client.get(ADMIN).status_code == 403


# The workflow, by role


def test_an_editor_creates_a_draft_and_submits_it_for_review(client, editor):
    as_user(client, editor)
    assert client.post(f"{ADMIN}add/", form_data()).status_code == 302
    article = Article.objects.get(language="en", slug="shin-splints")
    assert article.status == Article.Status.DRAFT
    assert client.get("/articles/shin-splints/").status_code == 404
    assert act(client, article, "submit").status_code == 302
    assert refresh(article).status == Article.Status.IN_REVIEW
    assert client.get("/articles/shin-splints/").status_code == 404


@pytest.mark.parametrize("action", ["publish", "unpublish", "archive"])
def test_an_editor_cannot_publish_unpublish_or_archive(client, editor, action):
    article = make_article(status=Article.Status.IN_REVIEW if action == "publish" else Article.Status.PUBLISHED)
    before = article.status
    as_user(client, editor)
    assert client.get(f"{ADMIN}{article.pk}/action/{action}/").status_code == 403
    response = act(client, article, action, reason="Looks fine to me")
    assert response.status_code == 400
    assert "do not have permission" in response.content.decode()
    assert refresh(article).status == before


def test_an_editor_is_not_offered_the_publish_button(client, editor):
    article = make_article(status=Article.Status.IN_REVIEW)
    html = as_user(client, editor).get(f"{ADMIN}{article.pk}/change/").content.decode()
    assert "Return to draft" in html
    assert "/action/publish/" not in html
    assert "Mark as reviewed" not in html


def test_a_reviewer_publishes_with_a_reason_that_is_kept(client, reviewer):
    article = make_article(slug="shin", status=Article.Status.IN_REVIEW)
    as_user(client, reviewer)
    response = act(client, article, "publish", reason="")
    assert response.status_code == 400 and "Say briefly why" in response.content.decode()
    assert act(client, article, "publish", reason="Checked against NICE CKS").status_code == 302
    article = refresh(article)
    assert article.status == Article.Status.PUBLISHED and article.published_at
    event = article.events.get(action="publish")
    assert (event.user, event.reason, event.from_status) == (reviewer, "Checked against NICE CKS", "in_review")
    client.logout()
    assert client.get("/articles/shin/").status_code == 200


def test_a_reviewer_unpublishes_archives_and_restores(client, reviewer):
    article = make_article(slug="shin")
    as_user(client, reviewer)
    act(client, article, "unpublish", reason="Needs new NICE advice")
    assert refresh(article).status == Article.Status.DRAFT
    assert client.get("/articles/shin/").status_code == 404
    act(client, article, "archive", reason="Replaced by another page")
    assert refresh(article).status == Article.Status.ARCHIVED
    act(client, article, "restore")
    assert refresh(article).status == Article.Status.DRAFT


def test_a_transition_from_the_wrong_state_is_refused(client, reviewer):
    article = make_article(status=Article.Status.DRAFT)
    response = act(as_user(client, reviewer), article, "publish", reason="Skip the review")
    assert response.status_code == 400
    assert "not possible while the article is draft" in response.content.decode()
    assert refresh(article).status == Article.Status.DRAFT


def test_only_reviewers_mark_an_article_reviewed(client, editor, reviewer):
    article = make_article(last_reviewed=datetime.date(2024, 1, 1), next_review_due=datetime.date(2025, 1, 1))
    assert as_user(client, editor).post(f"{ADMIN}{article.pk}/mark-reviewed/", {"reason": "x"}).status_code == 403
    as_user(client, reviewer)
    response = client.post(f"{ADMIN}{article.pk}/mark-reviewed/", {"reason": ""})
    assert response.status_code == 400
    # Credentials typed into the form are ignored: they come from the reviewer's staff profile.
    client.post(f"{ADMIN}{article.pk}/mark-reviewed/", {"reason": "Checked doses and red flags", "credentials": "Dr X"})
    article = refresh(article)
    today = timezone.localdate()
    assert article.last_reviewed == today
    assert article.next_review_due == today + datetime.timedelta(days=365)
    assert (article.reviewer_name, article.reviewer_credentials) == ("Rita Reviewer", "GP, MRCGP")
    assert article.events.get(action="mark_reviewed").reason == "Checked doses and red flags"
    assert "Rita Reviewer" in client.get(article.get_absolute_url()).content.decode()


# Published text stays live until a reviewed revision replaces it


def test_a_published_articles_text_is_locked_in_the_form(client, editor):
    article = make_article(slug="shin", body="Original text.")
    as_user(client, editor)
    client.post(f"{ADMIN}{article.pk}/change/", form_data(article, body="Sneaky live edit."))
    assert refresh(article).body == "Original text.\n"


def test_a_published_article_is_edited_as_a_draft_revision_until_a_reviewer_publishes_it(client, editor, reviewer):
    article = make_article(slug="shin", title="Shin pain", body="Original text.", sources=[("NHS", "https://nhs.uk")])
    as_user(client, editor)
    response = client.post(f"{ADMIN}{article.pk}/new-draft/")
    revision = Article.objects.get(draft_of=article)
    assert response["Location"] == f"{ADMIN}{revision.pk}/change/"
    assert revision.sources.count() == 1
    client.post(f"{ADMIN}{revision.pk}/change/", form_data(revision, body="Better, reviewed text."))
    assert refresh(revision).body == "Better, reviewed text.\n"
    client.logout()
    assert "Original text." in client.get("/articles/shin/").content.decode()
    as_user(client, editor)
    act(client, revision, "submit")
    as_user(client, reviewer)
    response = act(client, refresh(revision), "publish", reason="New NICE advice")
    assert response["Location"] == f"{ADMIN}{article.pk}/change/"
    assert not Article.objects.filter(pk=revision.pk).exists()
    article = refresh(article)
    assert article.body == "Better, reviewed text.\n" and article.slug == "shin"
    client.logout()
    assert "Better, reviewed text." in client.get("/articles/shin/").content.decode()


# Preview


def test_staff_preview_a_draft_exactly_as_patients_will_see_it(client, editor):
    article = make_article(slug="draft-one", title="Draft one", status=Article.Status.DRAFT, body="## Hello\n\nWorld.")
    response = as_user(client, editor).get(f"{ADMIN}{article.pk}/preview/")
    html = response.content.decode()
    assert response.status_code == 200
    assert "Preview, not published" in html
    assert "<h1>Draft one</h1>" in html and '<h2 id="hello">Hello</h2>' in html
    assert "no-store" in response["Cache-Control"]
    client.logout()
    assert client.get("/articles/draft-one/").status_code == 404


def test_preview_before_saving_saves_nothing(client, editor):
    as_user(client, editor)
    response = client.post(f"{ADMIN}preview/", form_data(title="Unsaved", body="!!! urgent\n    - see someone"))
    html = response.content.decode()
    assert "Preview, not published" in html and "care-card--urgent" in html
    assert not Article.objects.filter(title="Unsaved").exists()


def test_patients_cannot_reach_previews(client):
    article = make_article(status=Article.Status.DRAFT)
    response = client.get(f"{ADMIN}{article.pk}/preview/")
    assert response.status_code == 302 and "/admin/login/" in response["Location"]


# History


def test_every_save_is_kept_and_two_versions_can_be_compared(client, editor):
    as_user(client, editor)
    client.post(f"{ADMIN}add/", form_data(body="The first words.\n"))
    article = Article.objects.get(language="en", slug="shin-splints")
    client.post(f"{ADMIN}{article.pk}/change/", form_data(article, body="The second words.\n"))
    versions = Version.objects.get_for_object(article)
    assert versions.count() == 2
    assert versions[0].revision.user == editor
    html = client.get(f"{ADMIN}{article.pk}/compare/").content.decode()
    assert "The first saved version against the article now" in html
    assert '<span class="diff-remove">-The <del>first</del> words.</span>' in html
    assert '<span class="diff-add">+The <ins>second</ins> words.</span>' in html


def test_restoring_an_old_version_of_a_draft_puts_its_words_back_in_the_draft(client, editor):
    as_user(client, editor)
    client.post(f"{ADMIN}add/", form_data(body="Good text.\n"))
    article = Article.objects.get(language="en", slug="shin-splints")
    client.post(f"{ADMIN}{article.pk}/change/", form_data(article, body="Bad text.\n"))
    old = Version.objects.get_for_object(article).last()
    url = f"{ADMIN}{article.pk}/history/{old.pk}/"
    page = client.get(url).content.decode()
    assert "Good text." in page and "Saving puts them into a draft" in page and "the object" not in page
    response = client.post(url, form_data(refresh(article), body="Good text.\n"))
    assert response["Location"] == f"{ADMIN}{article.pk}/change/"
    assert refresh(article).body.strip() == "Good text."
    assert refresh(article).status == Article.Status.DRAFT


def test_restoring_an_old_version_of_a_published_article_never_touches_the_live_page(client, editor, reviewer):
    article = make_article(slug="shin", body="Old words.\n")
    with reversion.create_revision():
        article.save()
    old = Version.objects.get_for_object(article).first()
    Article.objects.filter(pk=article.pk).update(body="New words.\n")
    workflow.mark_reviewed(refresh(article), user=reviewer, reason="Checked")
    reviewed = refresh(article)
    response = as_user(client, editor).post(f"{ADMIN}{article.pk}/history/{old.pk}/", form_data(reviewed))
    revision = Article.objects.get(draft_of=article)
    assert response["Location"] == f"{ADMIN}{revision.pk}/change/"
    assert revision.body.strip() == "Old words." and revision.status == Article.Status.DRAFT
    live = refresh(article)
    assert live.body.strip() == "New words." and live.status == Article.Status.PUBLISHED
    assert (live.last_reviewed, live.reviewer_name) == (reviewed.last_reviewed, reviewed.reviewer_name)
    assert client.get("/articles/shin/").status_code == 200


def test_a_deleted_article_can_be_recovered(client, reviewer):
    as_user(client, reviewer)
    client.post(f"{ADMIN}add/", form_data())
    article = Article.objects.get(language="en", slug="shin-splints")
    client.post(f"{ADMIN}{article.pk}/delete/", {"post": "yes"})
    assert not Article.objects.filter(language="en", slug="shin-splints").exists()
    html = client.get(f"{ADMIN}recover/").content.decode()
    version_id = re.search(r'href="/admin/education/article/recover/(\d+)/"', html).group(1)
    client.post(f"{ADMIN}recover/{version_id}/", form_data())
    assert Article.objects.filter(language="en", slug="shin-splints").exists()


# No lost edits


def test_the_change_form_carries_the_version_it_was_opened_at(client, editor):
    article = make_article(slug="shin", status=Article.Status.DRAFT)
    html = as_user(client, editor).get(f"{ADMIN}{article.pk}/change/").content.decode()
    assert re.search(rf'<input type="hidden" name="opened_version" value="{article.edit_version}"', html)


def test_the_second_of_two_overlapping_saves_is_refused_and_keeps_its_text(client, editor):
    article = make_article(slug="shin", status=Article.Status.DRAFT, body="Start.")
    other = make_staff("Editor")
    opened = form_data(article)  # both open the form at the same version
    as_user(client, other)
    assert client.post(f"{ADMIN}{article.pk}/change/", {**opened, "body": "Their change."}).status_code == 302
    as_user(client, editor)
    response = client.post(f"{ADMIN}{article.pk}/change/", {**opened, "body": "My careful change."})
    html = response.content.decode()
    assert response.status_code == 200
    assert "Someone else saved this article after you opened it" in html
    assert "My careful change." in html
    assert refresh(article).body == "Their change.\n"


# Quality help


def test_links_to_missing_articles_and_images_without_alt_text_are_form_errors(client, editor):
    body = "See [this](/articles/no-such-page/).\n\n![](/static/leg.png)\n"
    html = as_user(client, editor).post(f"{ADMIN}add/", form_data(body=body)).content.decode()
    assert "/articles/no-such-page/ goes to an article that does not exist" in html
    assert "Every image needs alt text" in html
    assert not Article.objects.filter(language="en", slug="shin-splints").exists()


def test_a_hard_to_read_article_saves_with_a_warning(client, editor):
    body = (
        "Intermittent neurogenic claudication characteristically necessitates comprehensive multidisciplinary "
        "neurosurgical evaluation and sophisticated radiological investigation.\n"
    )
    response = as_user(client, editor).post(f"{ADMIN}add/", form_data(body=body), follow=True)
    assert Article.objects.filter(language="en", slug="shin-splints").exists()
    assert "Aim for 8 or below" in response.content.decode()


def test_the_form_offers_a_cheat_sheet_and_preview(client, editor):
    html = as_user(client, editor).get(f"{ADMIN}add/").content.decode()
    cheat_sheet = html.split('class="cheat-sheet"')[1]
    assert "How to write an article" in cheat_sheet and "!!! emergency" in cheat_sheet
    assert html.index('id="id_body"') < html.index('class="cheat-sheet"')  # right under the box
    assert 'formaction="/admin/education/article/preview/"' in html


# Review cycle


def test_next_review_defaults_to_a_year_after_the_last():
    article = make_article(last_reviewed=datetime.date(2026, 3, 1))
    assert article.next_review_due == datetime.date(2027, 3, 1)


def test_the_staff_home_page_and_a_filter_show_reviews_due(client, editor):
    today = timezone.localdate()
    make_article(title="Overdue page", next_review_due=today - datetime.timedelta(days=3))
    make_article(title="Soon page", next_review_due=today + datetime.timedelta(days=10))
    make_article(title="Later page", next_review_due=today + datetime.timedelta(days=200))
    as_user(client, editor)
    home = client.get("/admin/").content.decode()
    assert "Clinical reviews due" in home and "Overdue page" in home and "Soon page" in home
    assert "Later page" not in home
    listing = client.get(f"{ADMIN}?review=overdue").content.decode()
    assert "Overdue page" in listing and "Soon page" not in listing


def test_review_report_prints_what_is_due(capsys):
    today = timezone.localdate()
    make_article(title="Overdue page", next_review_due=today - datetime.timedelta(days=3))
    make_article(title="Later page", next_review_due=today + datetime.timedelta(days=200))
    call_command("review_report")
    out = capsys.readouterr().out
    assert "Overdue:" in out and "Overdue page" in out and "Later page" not in out
    call_command("review_report", days=365)
    assert "Later page" in capsys.readouterr().out


def test_review_report_says_when_nothing_is_due(capsys):
    call_command("review_report")
    assert "No clinical reviews are overdue" in capsys.readouterr().out


# Staff accounts


def test_logins_lock_after_repeated_failures(client):
    make_staff("Editor", username="eddie")
    for _ in range(5):
        client.post("/admin/login/", {"username": "eddie", "password": "wrong guess"})
    response = client.post("/admin/login/", {"username": "eddie", "password": "a long staff password 42"})
    assert response.status_code == 429
    assert "Too many failed sign-in attempts" in response.content.decode()


def test_weak_staff_passwords_are_refused():
    from django.contrib.auth.password_validation import validate_password
    from django.core.exceptions import ValidationError

    for weak in ["short1", "password123456", "123456789012"]:
        with pytest.raises(ValidationError):
            validate_password(weak)
    validate_password("a long staff password 42")


def test_the_compare_view_shows_the_published_page_against_its_draft_with_every_field(client, editor, reviewer):
    live = make_article(slug="shin", body="Rest helps.\r\n", cause_key="muscle_strain")
    live.sources.create(title="NHS: Shin splints", url="https://www.nhs.uk/conditions/shin-splints/", order=0)
    revision = workflow.start_revision(live, user=editor)
    revision.body = "Rest helps.\nIce helps too.\n"
    revision.cause_key = "shin_splints"
    revision.save()
    revision.replace_sources([("MedlinePlus: Shin splints", "https://medlineplus.gov/ency/article/007366.htm")])
    html = as_user(client, reviewer).get(f"{ADMIN}{live.pk}/compare/").content.decode()
    assert "The published page against its draft revision" in html
    assert '<span class="diff-add">+Ice helps too.</span>' in html
    assert '<span class="diff-remove">-Rest helps.</span>' not in html  # no line-ending noise
    assert "<h3>Cause key</h3>" in html or "<h3>Cause</h3>" in html
    assert "<h3>Sources</h3>" in html and "<ins>MedlinePlus:" in html
    assert "cause_key" not in html.split('id="content"')[1]  # no internal field names


def test_a_step_beyond_ones_role_gets_a_staff_page_that_says_who_can(client, editor):
    article = make_article(slug="shin", status=Article.Status.IN_REVIEW)
    response = as_user(client, editor).get(f"{ADMIN}{article.pk}/action/publish/")
    assert response.status_code == 403
    page = response.content.decode()
    assert "Your staff role does not allow this step" in page and 'id="site-name"' in page


def test_view_on_site_is_offered_only_for_pages_patients_can_open(client, editor):
    draft = make_article(slug="shin", status=Article.Status.DRAFT)
    live = make_article(slug="calf")
    as_user(client, editor)
    assert "viewsitelink" not in client.get(f"{ADMIN}{draft.pk}/change/").content.decode()
    assert "viewsitelink" in client.get(f"{ADMIN}{live.pk}/change/").content.decode()
