"""Markup typed into any staff-editable field shows as text, and can never run, on every page that shows it."""

import re
import xml.etree.ElementTree as ET

import pytest
from django.contrib.auth.models import User

from education import workflow
from education.models import Article, Clinic, StaffProfile
from tests.factories import make_article, make_staff
from tests.hostile.fuzzing import assert_inert, text_of
from tests.triage.helpers import NEUROPATHY, walk
from triage import form_state

pytestmark = pytest.mark.django_db

TAG = '"><img src=x onerror=alert(1)>'
SCRIPT = "</script><script>alert(1)</script>"
# Tags the site's own pages use on purpose: forms, and inline SVG (the admin's icons, the self-check's body map).
# Event handlers and scripts on them are still refused.
OWN_TAGS = frozenset({"form", "svg"})


def admin_errors(response) -> list[str]:
    return re.findall(r'class="errornote">(.*?)<|<ul class="errorlist[^>]*>(.*?)</ul>', text_of(response), re.S)


def hostile(marker: str) -> str:
    """A field's hostile value, led by a marker that says which field it came from."""
    return f"{marker} {TAG}{SCRIPT}"


# Each field's value; compare_legs holds at most 60 characters, so it gets the shorter script.
FIELDS = {
    "title": hostile("Ttl"),
    "summary": hostile("Sum"),
    "synonyms": f"{hostile('Syn')}\nshin ache",
    "reviewer_name": hostile("Rvn"),
    "reviewer_credentials": hostile("Rvc"),
    "compare_starts": hostile("Cst"),
    "compare_legs": f"Lg {TAG}<script>alert(1)</script>",
    "compare_feels": hostile("Cfl"),
    "compare_worse": hostile("Cwr"),
    "compare_urgency": hostile("Cur"),
}
SOURCE_TITLE = hostile("Src")
# A URL the admin accepts (only http and https are) that still carries markup characters.
SOURCE_URL = 'https://example.org/guide?x="><img/src=x/onerror=alert(1)>'
# The editorial check refuses images without alt text, so the body's injected images carry some.
BODY_TAG = '"><img src=x alt="Pic" onerror=alert(1)>'
BODY = f"""Bdy paragraph with {BODY_TAG} and {SCRIPT} in it.

## Hd2 {BODY_TAG}

!!! soon "Crd {BODY_TAG}"
    - Crl {SCRIPT}

[Lnk](javascript:alert(1)) [Lnk2](JaVaScRiPt:alert(1)) <a href="javascript:alert(1)">Lnk3</a>

<img src=x alt="Pic" onerror=alert(1)> <svg onload=alert(1)></svg> <iframe src="javascript:alert(1)"></iframe>

<math><mtext><table><mglyph><style><img src=x alt="M" onerror=alert(1)></style></mglyph></table></mtext></math>

<div onclick="alert(1)" style="background:url(javascript:alert(1))">Div</div>

![Alt {BODY_TAG}](javascript:alert(1))
"""


# Set by the review action from the reviewer's account and staff profile, never typed into the article form.
REVIEW_RECORD = ("reviewer_name", "reviewer_credentials")


@pytest.fixture
def staff(client):
    owner = User.objects.create_superuser("owner", "owner@example.org", "a long staff password 42")
    reviewer = make_staff("Clinical reviewer", first_name=FIELDS["reviewer_name"])
    StaffProfile.objects.create(user=reviewer, credentials=FIELDS["reviewer_credentials"])
    return {"editor": make_staff("Editor"), "reviewer": reviewer, "owner": owner}


@pytest.fixture
def article(client, staff):
    """Written by an editor in the admin, as staff write every article, then published by a clinical reviewer."""
    client.force_login(staff["editor"])
    data = {
        **FIELDS,
        "slug": "hostile",
        "body": BODY,
        "cause_key": "sciatica",
        "icd10_codes": "I80.2",
        "display_order": "1",
        "last_reviewed": "2026-11-01",
        "sources-TOTAL_FORMS": "1",
        "sources-INITIAL_FORMS": "0",
        "sources-0-title": SOURCE_TITLE,
        "sources-0-url": SOURCE_URL,
        "sources-0-order": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/education/article/add/", data)
    assert response.status_code == 302, admin_errors(response)
    saved = Article.objects.get(language="en", slug="hostile")
    workflow.perform(saved, "submit", user=staff["editor"])
    workflow.perform(saved, "publish", user=staff["reviewer"], reason=hostile("Rsn"), seen_version=saved.edit_version)
    workflow.mark_reviewed(saved, user=staff["reviewer"], reason="Checked")
    make_article(slug="companion", title="Companion", related=[saved])
    client.logout()
    saved.refresh_from_db()
    return saved


def _shows(page, *markers):
    for marker in markers:
        value = FIELDS.get(marker) or {"source": SOURCE_TITLE, "reason": hostile("Rsn")}[marker]
        first_line = value.split("\n")[0]
        shown = first_line in page.text or any(first_line in attribute for attribute in page.attributes)
        assert shown, f"{marker} is not shown as text"


def test_the_admin_kept_every_value_as_typed(article):
    for name, value in FIELDS.items():
        assert getattr(article, name) == value, name  # the review record as the reviewer's profile has it
    assert article.sources.get().url == SOURCE_URL


PUBLIC_PAGES = [
    ("/", ["title", "summary", "compare_starts", "compare_legs", "compare_feels", "compare_worse", "compare_urgency"]),
    ("/articles/", ["title", "summary"]),
    ("/articles/hostile/", ["title", "reviewer_name", "reviewer_credentials", "source"]),
    ("/embed/articles/hostile/", ["title", "reviewer_name", "reviewer_credentials", "source"]),
    ("/articles/companion/", ["title", "summary"]),
    ("/search/?q=Ttl", ["title", "summary"]),
    ("/search/?q=Syn", ["title", "summary"]),
    ("/for-clinics/", ["title"]),
    ("/go/Z99.9/", ["title"]),
]


@pytest.mark.parametrize(("url", "fields"), PUBLIC_PAGES)
def test_public_pages_show_staff_text_as_text(client, article, url, fields):
    response = client.get(url)
    assert response.status_code in {200, 404}
    _shows(assert_inert(text_of(response)), *fields)


@pytest.mark.parametrize("url", ["/articles/hostile/", "/embed/articles/hostile/"])
def test_the_article_body_keeps_its_text_and_loses_its_scripts(client, article, url):
    page = assert_inert(text_of(response := client.get(url)))
    for words in ["Bdy paragraph", "Hd2", "Crd", "Crl", "Lnk", "Lnk3", "Div"]:
        assert words in page.text, words
    html = text_of(response)
    assert "<iframe" not in html and "<svg" not in html and "<math" not in html
    assert 'href="https://example.org/guide?x=&quot;&gt;&lt;img/src=x/onerror=alert(1)&gt;"' in html


@pytest.mark.parametrize("url", ["/articles/hostile/", "/embed/articles/hostile/"])
def test_structured_data_carries_the_text_without_closing_its_script_element(client, article, url):
    html = text_of(client.get(url))
    (data,) = assert_inert(html).json_ld
    assert data["name"] == FIELDS["title"]
    assert data["description"] == FIELDS["summary"]
    assert data["about"]["alternateName"] == [FIELDS["synonyms"].split("\n")[0], "shin ache"]
    assert data["reviewedBy"] == {
        "@type": "Person",
        "name": FIELDS["reviewer_name"],
        "description": FIELDS["reviewer_credentials"],
    }
    block = html.split('<script type="application/ld+json">', 1)[1].split("</script>", 1)[0]
    assert "<" not in block and ">" not in block


def test_the_feed_is_well_formed_xml_with_the_text_escaped(client, article):
    response = client.get("/feed/")
    raw = text_of(response)
    assert "<script" not in raw.lower() and "<img" not in raw.lower()
    feed = ET.fromstring(response.content)  # noqa: S314 - our own feed
    atom = "{http://www.w3.org/2005/Atom}"
    entry = next(e for e in feed.iter(f"{atom}entry") if "hostile" in e.find(f"{atom}link").get("href"))
    assert entry.find(f"{atom}title").text == FIELDS["title"]
    # Atom says the summary is HTML, so a feed reader renders it: the text must arrive escaped for HTML too.
    summary = entry.find(f"{atom}summary")
    assert summary.get("type") == "html"
    assert assert_inert(summary.text).text == FIELDS["summary"]


def test_the_sitemap_is_well_formed_xml(client, article):
    response = client.get("/sitemap.xml")
    assert "<script" not in text_of(response).lower()
    locations = [
        e.text
        for e in ET.fromstring(response.content).iter(  # noqa: S314 - our own sitemap
            "{http://www.sitemaps.org/schemas/sitemap/0.9}loc"
        )
    ]
    assert any(location.endswith("/articles/hostile/") for location in locations)


@pytest.mark.parametrize("url", ["/api/v1/articles/", "/api/v1/articles/hostile/", "/api/v1/lookup/?code=I80.2"])
def test_the_content_api_returns_staff_text_as_json_data_never_as_a_page(client, article, url):
    response = client.get(url)
    assert response.status_code == 200
    assert response["Content-Type"] == "application/json"
    assert response["X-Content-Type-Options"] == "nosniff"
    data = response.json()
    summary = data if "title" in data else next(a for a in data["articles"] if a["slug"] == "hostile")
    assert summary["title"] == FIELDS["title"] and summary["summary"] == FIELDS["summary"]
    if "html" in data:
        assert_inert(data["html"])
        assert data["sources"] == [{"title": SOURCE_TITLE, "url": SOURCE_URL}]
        assert "Hd2" in data["headings"][0]["text"]


def test_admin_pages_show_staff_text_as_text(client, article, staff):
    client.force_login(staff["owner"])
    revision = workflow.start_revision(article, user=staff["editor"])
    pk = article.pk
    pages = {
        "/admin/": [],
        "/admin/education/article/": ["title"],
        f"/admin/education/article/{pk}/change/": ["title", "summary", "reviewer_name", "compare_legs", "source"],
        f"/admin/education/article/{revision.pk}/change/": ["title"],
        f"/admin/education/article/{pk}/history/": ["title"],
        f"/admin/education/article/{pk}/compare/": ["title"],
        f"/admin/education/article/{pk}/preview/": ["title", "reviewer_name"],
        f"/admin/education/article/{pk}/action/unpublish/": ["title"],
        f"/admin/education/article/{pk}/mark-reviewed/": ["title"],
        f"/admin/education/article/{pk}/delete/": ["title"],
    }
    for url, fields in pages.items():
        response = client.get(url)
        assert response.status_code == 200, url
        page = assert_inert(text_of(response), allowed_tags=OWN_TAGS)
        _shows(page, *fields)
    # The draft revision's form holds every value, as typed, for staff to edit.
    editing = assert_inert(
        text_of(client.get(f"/admin/education/article/{revision.pk}/change/")), allowed_tags=OWN_TAGS
    )
    for value in [*FIELDS.values(), SOURCE_TITLE, SOURCE_URL]:
        assert value in editing.attributes or value in editing.text, value


def test_the_workflow_reason_shows_as_text_in_the_history(client, article, staff):
    client.force_login(staff["owner"])
    page = assert_inert(text_of(client.get(f"/admin/education/article/{article.pk}/change/")), allowed_tags=OWN_TAGS)
    _shows(page, "reason")


@pytest.mark.parametrize("codes", ["<script>alert(1)</script>", 'I80.2, "><img src=x onerror=alert(1)>'])
def test_diagnosis_codes_cannot_hold_markup(client, staff, codes):
    client.force_login(staff["editor"])
    data = {
        "title": "Codes",
        "slug": "codes",
        "summary": "Codes.",
        "body": "Text.",
        "icd10_codes": codes,
        "display_order": "1",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    response = client.post("/admin/education/article/add/", data)
    assert response.status_code == 200
    assert "do not look like ICD-10 codes" in text_of(response)
    assert_inert(text_of(response), allowed_tags=OWN_TAGS)
    assert not Article.objects.filter(language="en", slug="codes").exists()


# --- Clinics ----------------------------------------------------------------------------------------------------

CLINIC = {
    "name": hostile("Cln"),
    "phone": f"Ph {TAG}",
    "booking_url": 'https://book.example/?x="><img/src=x/onerror=alert(1)>',
    "opening_hours": f"{hostile('Opn')}\n{SCRIPT}",
}


@pytest.fixture
def clinic(client, staff, article):
    client.force_login(staff["owner"])
    data = {**CLINIC, "slug": "hostile-clinic", "active": "on", "embed_origins": "https://clinic.example"}
    response = client.post("/admin/education/clinic/add/", data)
    assert response.status_code == 302, admin_errors(response)
    client.logout()
    return Clinic.objects.get(slug="hostile-clinic")


def test_the_admin_kept_the_clinic_as_typed(clinic):
    for name, value in CLINIC.items():
        assert getattr(clinic, name) == value, name


@pytest.mark.parametrize(
    "url", ["/", "/articles/hostile/", "/self-check/", "/search/?q=leg", "/embed/articles/hostile/"]
)
def test_pages_shared_by_a_clinic_show_its_name_and_phone_as_text(client, clinic, url):
    client.get("/c/hostile-clinic/")
    page = assert_inert(text_of(client.get(url)))
    assert f"Shared by {CLINIC['name']}. Call {CLINIC['phone']}" in page.text


@pytest.mark.parametrize("prefix", ["/self-check/", "/embed/self-check/"])
def test_the_self_check_result_shows_the_clinics_details_as_text(client, clinic, prefix):
    if prefix == "/self-check/":
        client.get(f"{prefix}?clinic=hostile-clinic")
        walk(client, NEUROPATHY)

    def show(page):
        # Inside a clinic's page the answers and the clinic come in the form, not in cookies.
        state = {"state": form_state.sign(NEUROPATHY, "hostile-clinic"), "navigate": "1"}
        return client.post(f"{prefix}{page}", state) if prefix.startswith("/embed/") else client.get(f"{prefix}{page}")

    response = show("result/")
    assert response.status_code == 200
    html = text_of(response)
    page = assert_inert(html, allowed_tags=OWN_TAGS)
    assert f"Contact {CLINIC['name']}:" in page.text
    assert CLINIC["phone"] in page.text
    assert CLINIC["opening_hours"].split("\n")[0] in page.text and SCRIPT in page.text
    assert CLINIC["booking_url"] in page.attributes
    # "your doctor" in the advice is replaced by the clinic's name, which must still be text.
    assert page.text.count(CLINIC["name"]) >= 2
    check = assert_inert(text_of(show("check-your-answers/")))
    assert CLINIC["name"] in check.text


def test_the_clinic_admin_shows_the_clinic_as_text(client, clinic, staff):
    client.force_login(staff["owner"])
    for url in ["/admin/education/clinic/", f"/admin/education/clinic/{clinic.pk}/change/", "/admin/"]:
        page = assert_inert(text_of(client.get(url)), allowed_tags=OWN_TAGS)
        assert CLINIC["name"] in page.text or CLINIC["name"] in page.attributes, url
