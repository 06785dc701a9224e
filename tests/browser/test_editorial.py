"""The whole editorial path in a real browser: an editor drafts, a clinical reviewer publishes, history restores."""

from playwright.sync_api import expect

from education.models import Article
from tests.browser.conftest import _open
from tests.factories import make_staff

PASSWORD = "a long staff password 42"


def sign_in(browser, site, username):
    context = _open(browser, site)
    page = context.new_page()
    page.goto("/admin/login/")
    page.fill("#id_username", username)
    page.fill("#id_password", PASSWORD)
    page.get_by_role("button", name="Log in").click()
    return context, page


def act(page, label, reason=""):
    """Take a workflow step: a link on a locked page, a button that saves first on a page being edited."""
    step = page.get_by_role("link", name=label, exact=True)
    if not step.count():
        step = page.get_by_role("button", name=f"Save and {label.lower()}", exact=True)
    step.click()
    if reason:
        page.fill("#reason", reason)
    page.locator("input[type=submit]").click()


def test_an_article_goes_from_draft_to_published_and_back_through_history(browser, site):
    make_staff("Editor", username="eddie", first_name="Eddie", last_name="Editor")
    make_staff("Clinical reviewer", username="rita", first_name="Rita", last_name="Reviewer")

    editor, page = sign_in(browser, site, "eddie")
    page.goto("/admin/education/article/add/")
    page.locator("#id_title").press_sequentially("Jumper knee")
    assert page.input_value("#id_slug") == "jumper-knee"  # filled in from the title by the admin's script
    page.fill("#id_summary", "Pain below the kneecap, often after jumping sports.")
    page.fill("#id_body", "## What is it?\n\nPain below the kneecap. Rest helps.\n")
    page.get_by_role("button", name="Save and continue editing").click()
    expect(page.locator(".workflow-panel h2")).to_have_text("Status: Draft")
    act(page, "Submit for review")
    expect(page.locator(".workflow-panel h2")).to_have_text("Status: In review")
    assert page.get_by_role("link", name="Publish", exact=True).count() == 0
    editor.close()

    patient = _open(browser, site).new_page()
    assert patient.goto("/articles/jumper-knee/").status == 404

    reviewer, page = sign_in(browser, site, "rita")
    article = Article.objects.get(language="en", slug="jumper-knee")
    page.goto(f"/admin/education/article/{article.pk}/change/")
    page.get_by_role("link", name="Preview", exact=True).click()  # the text under review, as saved
    expect(page.locator(".banner--preview")).to_contain_text("Preview, not published")
    page.go_back()
    act(page, "Publish", reason="Checked against NHS advice")
    expect(page.locator(".workflow-panel h2")).to_have_text("Status: Published")
    assert patient.goto("/articles/jumper-knee/").status == 200
    assert "Rest helps." in patient.content()

    # A change goes through a draft revision, written by the editor, while the published page stays as it was.
    editor, writing = sign_in(browser, site, "eddie")
    writing.goto(f"/admin/education/article/{article.pk}/change/")
    writing.get_by_role("button", name="Edit as a new draft").click()
    writing.fill("#id_body", "## What is it?\n\nPain below the kneecap. Ice helps.\n")
    writing.get_by_role("button", name="Save and continue editing").click()
    act(writing, "Submit for review")
    revision_url = writing.url
    editor.close()
    patient.goto("/articles/jumper-knee/")
    assert "Rest helps." in patient.content()
    page.goto(revision_url)
    page.get_by_role("link", name="Publish", exact=True).click()
    expect(page.locator("pre.diff")).to_contain_text("Ice helps.")  # what patients will see change
    page.fill("#reason", "Added ice advice")
    page.locator("input[type=submit]").click()
    expect(page.locator(".workflow-panel h2")).to_have_text("Status: Published")
    patient.goto("/articles/jumper-knee/")
    assert "Ice helps." in patient.content()

    # History: compare the two published texts, then restore the first: into a new draft revision, while the
    # published page stays as it is until a reviewer publishes that.
    page.get_by_role("link", name="Compare versions").click()
    assert page.locator(".diff-add", has_text="Ice helps.").count() == 1
    assert page.locator(".diff-remove", has_text="Rest helps.").count() == 1
    page.goto(f"/admin/education/article/{article.pk}/history/")
    first_publish = page.locator("#change-history tbody tr", has_text="Checked against NHS advice")
    first_publish.get_by_role("link").click()
    expect(page.locator("#content")).to_contain_text("Rest helps.")
    page.get_by_role("button", name="Save", exact=True).click()
    expect(page.locator(".messagelist")).to_contain_text("is now in a new draft revision")
    expect(page.locator(".workflow-panel h2")).to_have_text("Status: Draft")
    assert "Rest helps." in page.input_value("#id_body")
    patient.goto("/articles/jumper-knee/")
    assert "Ice helps." in patient.content() and "Rest helps." not in patient.content()
    reviewer.close()
