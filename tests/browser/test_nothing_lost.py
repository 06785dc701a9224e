"""An editor's text survives every way a save can be refused or overtaken, in a real browser."""

import pytest
from django.db import OperationalError
from playwright.sync_api import expect

from education import workflow
from education.models import Article
from tests.browser.test_editorial import sign_in
from tests.factories import make_article, make_staff

TYPED = "## What is it?\n\nPain below the kneecap. A sentence typed while others worked.\n"


@pytest.fixture
def eddie(db):
    return make_staff("Editor", username="eddie", first_name="Eddie", last_name="Editor")


@pytest.fixture
def rita(db):
    return make_staff("Clinical reviewer", username="rita", first_name="Rita", last_name="Reviewer")


def change_url(article):
    return f"/admin/education/article/{article.pk}/change/"


def test_a_workflow_step_saves_what_was_typed_first(browser, site, eddie):
    article = make_article(slug="jumper-knee", status=Article.Status.DRAFT)
    context, page = sign_in(browser, site, "eddie")
    page.goto(change_url(article))
    page.fill("#id_body", TYPED)
    page.get_by_role("button", name="Save and submit for review").click()
    page.fill("#reason", "Ready")
    page.locator("input[type=submit]").click()
    expect(page.locator(".workflow-panel h2")).to_have_text("Status: In review")
    assert "typed while others worked" in Article.objects.get(pk=article.pk).body
    context.close()


def test_leaving_with_unsaved_changes_asks_first(browser, site, eddie):
    article = make_article(slug="jumper-knee", status=Article.Status.DRAFT)
    context, page = sign_in(browser, site, "eddie")
    page.goto(change_url(article))
    asked = []
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.close(run_before_unload=True)  # nothing typed: no question
    page = context.new_page()
    page.on("dialog", lambda dialog: (asked.append(dialog.type), dialog.dismiss()))
    page.goto(change_url(article))
    page.locator("#id_body").press_sequentially("More words.")
    page.close(run_before_unload=True)
    page.wait_for_timeout(500)
    assert asked == ["beforeunload"]
    context.close()


def test_a_revision_published_while_the_editor_types_becomes_a_new_revision_with_their_text(browser, site, eddie, rita):
    live = make_article(slug="jumper-knee", title="Jumper knee")
    revision = workflow.start_revision(live, user=eddie)
    context, page = sign_in(browser, site, "eddie")
    page.goto(change_url(revision))
    page.fill("#id_body", TYPED)
    # Meanwhile a reviewer publishes the revision as it was saved.
    workflow.perform(revision, "submit", user=eddie)
    workflow.perform(revision, "publish", user=rita, reason="Fine", seen_version=revision.edit_version)
    assert not Article.objects.filter(pk=revision.pk).exists()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("a clinical reviewer published the earlier draft")
    assert "typed while others worked" in page.input_value("#id_body")
    expect(page.locator(".changes-from-live pre.diff")).to_contain_text("+Pain below the kneecap. A sentence typed")
    new_revision = Article.objects.get(draft_of=live)
    assert "typed while others worked" in new_revision.body
    assert "typed while others worked" not in Article.objects.get(pk=live.pk).body
    context.close()


def test_an_article_published_while_the_editor_types_keeps_their_text_in_a_new_revision(browser, site, eddie, rita):
    article = make_article(slug="jumper-knee", status=Article.Status.DRAFT)
    context, page = sign_in(browser, site, "eddie")
    page.goto(change_url(article))
    page.fill("#id_body", TYPED)
    workflow.perform(article, "submit", user=eddie)
    workflow.perform(article, "publish", user=rita, reason="Fine", seen_version=article.edit_version)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".messagelist")).to_contain_text("published while you were editing")
    assert "typed while others worked" in page.input_value("#id_body")
    assert "typed while others worked" not in Article.objects.get(pk=article.pk).body
    context.close()


def test_an_article_sent_for_review_while_the_editor_types_keeps_their_text(browser, site, eddie):
    article = make_article(slug="jumper-knee", status=Article.Status.DRAFT)
    context, page = sign_in(browser, site, "eddie")
    page.goto(change_url(article))
    page.fill("#id_body", TYPED)
    workflow.perform(article, "submit", user=make_staff("Editor"))
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("h1")).to_contain_text("sent for review while you were editing")
    assert "typed while others worked" in page.input_value("#kept-body")
    context.close()


def test_a_new_article_the_database_refused_can_be_saved_again_from_the_same_page(browser, site, eddie, monkeypatch):
    context, page = sign_in(browser, site, "eddie")
    page.goto("/admin/education/article/add/")
    page.locator("#id_title").press_sequentially("Jumper knee")  # the admin fills in the slug from it
    page.fill("#id_summary", "Pain below the kneecap.")
    page.fill("#id_body", TYPED)

    def refuse(*args, **kwargs):
        raise OperationalError("database or disk is full")

    with monkeypatch.context() as patch:
        patch.setattr(Article, "save", refuse)
        page.get_by_role("button", name="Save and continue editing").click()
        expect(page.locator(".errornote")).to_contain_text("could not save your changes")
    assert "typed while others worked" in page.input_value("#kept-body")
    page.fill("#kept-title", "Jumper's knee")  # still editable
    page.get_by_role("button", name="Save").click()
    saved = Article.objects.get(language="en", slug="jumper-knee")
    assert saved.title == "Jumper's knee" and "typed while others worked" in saved.body
    context.close()


def test_an_article_deleted_while_the_editor_types_can_be_saved_as_a_new_one(browser, site, eddie):
    article = make_article(slug="jumper-knee", title="Jumper knee", status=Article.Status.DRAFT)
    context, page = sign_in(browser, site, "eddie")
    page.goto(change_url(article))
    page.fill("#id_body", TYPED)
    Article.objects.filter(pk=article.pk).delete()
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".errornote")).to_contain_text("deleted this article while you were editing")
    page.get_by_role("button", name="Save").click()
    assert "typed while others worked" in Article.objects.get(language="en", slug="jumper-knee").body
    context.close()


def test_the_summary_counts_its_characters_and_a_save_too_large_to_send_is_stopped_in_the_page(browser, site, eddie):
    article = make_article(slug="jumper-knee", status=Article.Status.DRAFT)
    context, page = sign_in(browser, site, "eddie")
    page.goto(change_url(article))
    page.fill("#id_summary", "x" * 170)
    expect(page.locator(".summary-counter")).to_have_text("170 of 160 characters: 10 too many")
    page.fill("#id_summary", "Pain below the kneecap.")
    huge = "Cramp in the calf. " * 20_000
    page.evaluate("text => { document.getElementById('id_body').value = text }", huge)
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator("#save-too-large")).to_be_visible()
    assert page.input_value("#id_body") == huge  # still on the page, nothing sent
    context.close()


def test_at_800_pixels_the_tools_do_not_cover_the_heading(browser, site, eddie):
    article = make_article(slug="jumper-knee", status=Article.Status.DRAFT)
    context, page = sign_in(browser, site, "eddie")
    page.set_viewport_size({"width": 800, "height": 900})
    page.goto(change_url(article))
    heading = page.locator("#content h1").bounding_box()
    tools = page.locator(".object-tools").bounding_box()
    assert heading and tools
    overlap = not (
        tools["y"] >= heading["y"] + heading["height"] or heading["y"] >= tools["y"] + tools["height"]
        or tools["x"] >= heading["x"] + heading["width"] or heading["x"] >= tools["x"] + tools["width"]
    )  # fmt: skip
    assert not overlap, (heading, tools)
    context.close()


def test_the_editor_inserts_cards_and_links_and_previews_what_is_typed(browser, site, eddie):
    article = make_article(slug="jumper-knee", status=Article.Status.DRAFT, body="## What is it?\n")
    context, page = sign_in(browser, site, "eddie")
    page.goto(change_url(article))
    body = page.locator("#id_body")
    body.click()
    page.keyboard.press("Control+End")
    page.get_by_role("button", name="Emergency card").click()
    assert "!!! emergency\n    - {{ sign: }}" in page.input_value("#id_body")
    body.press("Control+End")
    page.select_option("#link-picker", label="Sciatica")
    assert "[Sciatica](/articles/sciatica/)" in page.input_value("#id_body")
    body.press("Control+End")
    body.press_sequentially("\n\n## Typed just now\n")
    preview = page.frame_locator("iframe.live-preview")
    expect(preview.locator("h2", has_text="Typed just now")).to_be_visible()
    expect(page.locator(".cheat-sheet summary")).to_be_visible()
    context.close()


def test_without_javascript_the_editor_is_a_plain_form(browser, site, eddie):
    from tests.browser.conftest import _open

    article = make_article(slug="jumper-knee", status=Article.Status.DRAFT)
    context = _open(browser, site, java_script_enabled=False)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", "eddie")
    page.fill("#id_password", "a long staff password 42")
    page.get_by_role("button", name="Log in").click()
    page.goto(change_url(article))
    expect(page.locator("#editor-tools")).to_be_hidden()
    page.fill("#id_body", TYPED)
    page.get_by_role("button", name="Save and continue editing").click()
    assert "typed while others worked" in Article.objects.get(pk=article.pk).body
    context.close()


def test_preview_on_a_draft_shows_what_is_typed_not_what_was_saved(browser, site, eddie):
    article = make_article(slug="jumper-knee", title="Jumper knee", status=Article.Status.DRAFT)
    context, page = sign_in(browser, site, "eddie")
    page.goto(change_url(article))
    page.fill("#id_title", "Jumper's knee, typed")
    with page.expect_popup() as opened:
        page.get_by_role("button", name="Preview", exact=True).click()
    expect(opened.value.locator("h1")).to_have_text("Jumper's knee, typed")
    assert Article.objects.get(pk=article.pk).title == "Jumper knee"
    context.close()


def test_a_reviewer_never_publishes_text_they_did_not_see(browser, site, eddie, rita):
    article = make_article(slug="jumper-knee", title="Jumper knee", status=Article.Status.DRAFT, body="Rest helps.\n")
    workflow.perform(article, "submit", user=eddie)
    context, page = sign_in(browser, site, "rita")
    page.goto(f"/admin/education/article/{article.pk}/action/publish/")
    expect(page.locator("pre.diff", has_text="Rest helps.")).to_be_visible()
    # Meanwhile the editor takes it back, changes it and sends it again.
    article.refresh_from_db()
    workflow.perform(article, "return_to_draft", user=eddie)
    article.refresh_from_db()
    article.body = "Rest helps. An unseen sentence.\n"
    article.save()
    workflow.perform(article, "submit", user=eddie)
    page.fill("#reason", "Checked")
    page.locator("input[type=submit]").click()
    expect(page.locator(".errornote")).to_contain_text("changed after you opened this page")
    expect(page.locator("pre.diff", has_text="An unseen sentence.")).to_be_visible()  # shown now, to read first
    assert Article.objects.get(pk=article.pk).status == Article.Status.IN_REVIEW
    context.close()
