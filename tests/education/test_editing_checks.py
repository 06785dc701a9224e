"""The slips editors make in Markdown are caught while the form is open, each naming its line."""

import pytest

from education.models import Article
from tests.factories import article_form_data, make_article, make_staff

pytestmark = pytest.mark.django_db
ADD = "/admin/education/article/add/"


@pytest.fixture
def editor(client):
    client.force_login(make_staff("Editor"))
    return client


def errors_for(client, body, **fields):
    response = client.post(ADD, article_form_data(body=body, **fields))
    assert response.status_code == 200, "the form should have been refused"
    assert not Article.objects.filter(slug="shin-splints").exists()
    return " ".join(str(e) for e in response.context["adminform"].form.errors.get("body", []))


def test_a_misspelt_care_card_is_named_with_its_line(editor):
    message = errors_for(editor, "## What to do now\n\n!!! emergancy\n    - {{ sign:clot_in_lungs }}\n")
    assert "Line 3: “emergancy” is not a kind of care card. Did you mean “emergency”?" in message


def test_a_care_card_whose_lines_are_not_indented_is_refused(editor):
    message = errors_for(editor, "## Now\n\n!!! soon\n\n- the pain lasts 6 weeks\n")
    assert "Line 3: the soon card has no lines of its own. Put 4 spaces before each of its lines" in message


def test_other_admonitions_are_still_allowed(editor):
    response = editor.post(ADD, article_form_data(body="!!! note\n    Just a note.\n"))
    assert response.status_code == 302


@pytest.mark.parametrize(
    ("link", "expected"),
    [
        ("www.nhs.uk/conditions/sciatica/", "“www.nhs.uk/conditions/sciatica/” needs https:// in front"),
        ("sciatica", "“sciatica” is not a full address. Link to another article as /articles/sciatica/"),
        ("/articles/nowhere/", "the link to /articles/nowhere/ goes to an article that does not exist"),
        ("/articles/draft-one/", "the link to /articles/draft-one/ goes to an article that is not published"),
    ],
)
def test_links_that_would_break_for_patients_are_refused(editor, link, expected):
    make_article(slug="draft-one", status=Article.Status.DRAFT)
    message = errors_for(editor, f"## What is it?\n\nRead [this]({link}).\n")
    assert f"Line 3: {expected}" in message


def test_links_to_published_articles_and_other_sites_are_fine(editor):
    make_article(slug="sciatica")
    body = "Read [this](/articles/sciatica/), [NHS](https://www.nhs.uk/) or [call](tel:111).\n"
    assert editor.post(ADD, article_form_data(body=body)).status_code == 302


def test_an_image_from_another_site_is_refused(editor):
    message = errors_for(editor, "![A leg](https://example.org/leg.png)\n")
    assert "Line 1: the image comes from another site" in message


def test_an_over_long_body_is_a_form_error_that_keeps_the_text(editor):
    body = "Cramp in the calf. " * 6_000
    response = editor.post(ADD, article_form_data(body=body))
    assert response.status_code == 200
    assert "an article can be at most 100,000" in response.content.decode()
    assert response.context["adminform"].form["body"].value() == body


def test_a_hard_article_says_which_sentences_are_hard(editor):
    body = (
        "## What is it?\n\nNotwithstanding considerable interindividual heterogeneity, radiculopathic manifestations "
        "predominantly originate from intervertebral discopathy affecting lumbosacral nerve roots.\n"
    )
    response = editor.post(ADD, article_form_data(body=body), follow=True)
    text = " ".join(str(message) for message in response.context["messages"])
    assert "The hardest sentences: “Notwithstanding considerable interindividual heterogeneity" in text


def test_the_summary_is_not_cut_silently(editor):
    form = editor.get(ADD).content.decode()
    assert 'data-limit="160"' in form and 'maxlength="160"' not in form.split('id="id_summary"')[0][-300:]
    response = editor.post(ADD, article_form_data(summary="A summary that runs on. " * 10))
    assert response.status_code == 200
    assert "at most 160 characters" in response.content.decode()
