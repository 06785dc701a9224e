"""Staff forms take any input without a crash: the article form as an editor, and the clinic form."""

import datetime

import pytest
from django.contrib.auth.models import User
from hypothesis import example, given
from hypothesis import strategies as st

from education.models import Article, Clinic
from tests.factories import make_article, make_staff
from tests.hostile.fuzzing import assert_inert, fuzz, nasty_text, text_of

pytestmark = pytest.mark.django_db

ADD = "/admin/education/article/add/"
PREVIEW = "/admin/education/article/preview/"
# Django's admin draws its icons as inline SVG and is made of forms; event handlers on them are still caught.
ADMIN_TAGS = frozenset({"form", "svg"})
VALID = {
    "title": "Shin splints",
    "slug": "shin-splints",
    "summary": "Pain along the shin bone.",
    "body": "Text.",
    "display_order": "5",
    "sources-TOTAL_FORMS": "0",
    "sources-INITIAL_FORMS": "0",
    "events-TOTAL_FORMS": "0",
    "events-INITIAL_FORMS": "0",
}

# Markdown made of the characters its syntax turns on, so the renderer and sanitiser see odd structures.
markdown = st.one_of(
    nasty_text,
    st.text(alphabet="#*_[]()!<>`-|:=/\\{}%&;\"' \n\tabcI80.2", max_size=300),
    st.lists(
        st.sampled_from(
            [
                "## Heading {#id}\n",
                "!!! emergency\n    - call now\n",
                '!!! urgent "<img src=x onerror=alert(1)>"\n    - today\n',
                "!!! \n",
                "| a | b |\n|---|---|\n| 1 | 2 |\n",
                "[^1]\n\n[^1]: note\n",
                "[link](/articles/no-such-article/)\n",
                "[x](javascript:alert(1))\n",
                "![](/img.png)\n",
                "<script>alert(1)</script>\n",
                "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>\n",
                "{{ emergency_number }}\n",
                "    code block\n",
                "> quote\n" * 50,
                "- item\n" * 200,
                "\x00",
            ]
        ),
        max_size=8,
    ).map("".join),
)
icd10 = st.one_of(nasty_text, st.from_regex(r"[A-Za-z][0-9]{2}(\.[0-9A-Z]{1,6})?(, ?[A-Z][0-9]{2})*", fullmatch=True))
slug = st.one_of(nasty_text, st.from_regex(r"[a-z0-9][a-z0-9-]{0,40}", fullmatch=True))
a_date = st.one_of(st.just(""), st.dates().map(datetime.date.isoformat), nasty_text)
number = st.one_of(st.integers(min_value=-(10**20), max_value=10**20).map(str), nasty_text)
url = st.one_of(
    nasty_text,
    st.sampled_from(
        ["javascript:alert(1)", "https://example.org/", "example.org", "http://[::1", "ftp://x", "https://"]
    ),
)

article_form = st.fixed_dictionaries(
    {
        "title": nasty_text,
        "slug": slug,
        "summary": nasty_text,
        "body": markdown,
        "cause_key": st.one_of(st.sampled_from(["", "sciatica", "dvt"]), nasty_text),
        "icd10_codes": icd10,
        "synonyms": nasty_text,
        "display_order": number,
        "last_reviewed": a_date,
        "next_review_due": a_date,
        "reviewer_name": nasty_text,
        "reviewer_credentials": nasty_text,
        "compare_starts": nasty_text,
        "compare_legs": nasty_text,
        "compare_feels": nasty_text,
        "compare_worse": nasty_text,
        "compare_urgency": nasty_text,
        # Within SQLite's integer range: Django's `__in` lookup does not guard against overflow there (PostgreSQL
        # answers an out-of-range id with a form error).
        "related": st.lists(st.one_of(st.integers(-(2**63), 2**63 - 1).map(str), nasty_text), max_size=3),
        "opened_version": st.one_of(st.just(""), number),
        "sources-TOTAL_FORMS": st.sampled_from(["1", "0", "", "x", "-1", "5"]),
        "sources-INITIAL_FORMS": st.sampled_from(["0", "", "1"]),
        "sources-0-title": nasty_text,
        "sources-0-url": url,
        "sources-0-order": number,
        "events-TOTAL_FORMS": st.just("0"),
        "events-INITIAL_FORMS": st.just("0"),
    }
)


@pytest.fixture
def editor(client):
    client.force_login(make_staff("Editor"))
    return client


@pytest.fixture
def superuser(client):
    client.force_login(User.objects.create_superuser("owner", "owner@example.org", "a long staff password 42"))
    return client


def _assert_saved_or_explained(response):
    """The admin either saves and redirects, or shows the form again with its errors (Django's admin uses 200)."""
    if response.status_code == 302:
        assert response["Location"].startswith("/admin/education/"), response["Location"]
        return
    assert response.status_code == 200, response.status_code
    html = text_of(response)
    assert "errornote" in html or "errorlist" in html, html[:2000]
    assert_inert(html, allowed_tags=ADMIN_TAGS)


@fuzz(40)
@given(data=article_form)
@example(data={**VALID, "last_reviewed": "9999-12-31"})
@example(data={**VALID, "display_order": "70000"})
def test_an_editor_adding_an_article_gets_it_saved_or_told_what_is_wrong(editor, data):
    _assert_saved_or_explained(editor.post(ADD, data))


@fuzz(25)
@given(data=article_form)
def test_an_editor_changing_a_draft_gets_it_saved_or_told_what_is_wrong(editor, data):
    draft = Article.objects.filter(language="en", slug="fuzzed-draft").first() or make_article(
        slug="fuzzed-draft", status=Article.Status.DRAFT
    )
    if data["opened_version"] == "":
        data = {**data, "opened_version": str(draft.edit_version)}
    _assert_saved_or_explained(editor.post(f"/admin/education/article/{draft.pk}/change/", data))


@fuzz(25)
@given(data=article_form)
def test_previewing_an_unsaved_article_shows_it_inert(editor, data):
    response = editor.post(PREVIEW, data)
    assert response.status_code == 200
    assert_inert(text_of(response))


clinic_form = st.fixed_dictionaries(
    {
        "name": nasty_text,
        "slug": slug,
        "phone": nasty_text,
        "booking_url": url,
        "opening_hours": nasty_text,
        "embed_origins": st.one_of(
            nasty_text, st.sampled_from(["https://a.example", "http://b.example:8080\nftp://c"])
        ),
        "active": st.sampled_from(["on", "", "yes", "\x00"]),
    }
)


@fuzz(30)
@given(data=clinic_form)
def test_clinic_staff_get_a_clinic_saved_or_told_what_is_wrong(superuser, data):
    _assert_saved_or_explained(superuser.post("/admin/education/clinic/add/", data))
    clinic = Clinic.objects.first()
    if clinic is not None:
        response = superuser.post(f"/admin/education/clinic/{clinic.pk}/change/", data)
        _assert_saved_or_explained(response)


@pytest.mark.parametrize(
    ("path", "field"),
    [(ADD, "sources-0-url"), ("/admin/education/clinic/add/", "booking_url")],
)
@pytest.mark.parametrize("address", ["javascript:alert(1)", "JavaScript:alert(1)", "data:text/html,<script>"])
def test_script_addresses_are_refused_as_links(superuser, path, field, address):
    data = {
        **VALID,
        "sources-TOTAL_FORMS": "1",
        "sources-0-title": "A source",
        "sources-0-order": "0",
        "name": "Riverside Clinic",
        "phone": "0161 555 0101",
        field: address,
    }
    response = superuser.post(path, data)
    assert response.status_code == 200
    assert "Enter a valid URL." in text_of(response)
    assert not Article.objects.exists() and not Clinic.objects.exists()
