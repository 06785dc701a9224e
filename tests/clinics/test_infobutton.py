"""Health records link in by HL7 Infobutton (URL-based), as they do to MedlinePlus Connect: by ICD-10-CM or SNOMED
CT code, in the patient's language, as a page, a JSON feed or an Atom feed."""

import datetime
import re
import xml.etree.ElementTree as ET
from urllib.parse import urlencode

import jsonschema
import pytest
from django.test import Client

from education.models import Clinic
from tests.factories import make_article

pytestmark = pytest.mark.django_db

ICD10 = "2.16.840.1.113883.6.90"
SNOMED = "2.16.840.1.113883.6.96"
ICD9 = "2.16.840.1.113883.6.103"
ATOM = "{http://www.w3.org/2005/Atom}"
XML_LANG = "{http://www.w3.org/XML/1998/namespace}lang"


@pytest.fixture
def guides():
    sciatica = make_article(
        slug="sciatica",
        title="Sciatica",
        summary="Pain from a pressed nerve in the back that shoots down the leg <and> more.",
        icd10_codes="M54.3, M54.4",
        snomed_codes="23056005",
    )
    make_article(
        slug="sciatica",
        language="es",
        translation_of=sciatica,
        title="Ciática",
        summary="Dolor de un nervio apretado en la espalda que baja por la pierna.",
    )
    make_article(slug="deep-vein-thrombosis", title="Deep vein thrombosis", icd10_codes="I80.2, I82.4",
                 snomed_codes="128053003, 404223003")  # fmt: skip
    make_article(slug="diabetic-foot", title="Diabetic foot problems", icd10_codes="E11.621")
    make_article(slug="peripheral-neuropathy", title="Peripheral neuropathy", icd10_codes="E11.4")
    make_article(slug="gout", title="Gout", icd10_codes="M10.9", status="draft")
    return sciatica


@pytest.fixture
def spec(client):
    return client.get("/api/v1/openapi.json").json()


def ask(client, code, system=ICD10, **params):
    headers = {name: params.pop(name) for name in list(params) if name.startswith("HTTP_")}
    query = {"mainSearchCriteria.v.c": code, "mainSearchCriteria.v.cs": system, **params}
    return client.get(f"/infobutton/?{urlencode(query)}", **headers)


def assert_feed(spec, data):
    schema = {"$ref": "#/components/schemas/InfobuttonFeed", "components": spec["components"]}
    jsonschema.validate(data, schema, format_checker=jsonschema.FormatChecker())


def atom(response) -> ET.Element:
    """The Atom feed in the answer, held to what RFC 4287 requires of a feed and its entries."""
    root = ET.fromstring(response.content)  # noqa: S314 - our own feed
    assert root.tag == f"{ATOM}feed"
    for name in ("id", "title", "updated", "author"):
        assert root.find(f"{ATOM}{name}") is not None, name
    datetime.datetime.fromisoformat(root.findtext(f"{ATOM}updated"))
    for entry in root.findall(f"{ATOM}entry"):
        for name in ("id", "title", "updated", "summary"):
            assert entry.findtext(f"{ATOM}{name}"), name
        assert entry.find(f"{ATOM}link[@rel='alternate']").get("href").startswith("http://testserver/")
        datetime.datetime.fromisoformat(entry.findtext(f"{ATOM}updated"))
    return root


# The shapes real health records send.


def test_openemr_sends_the_code_system_first_and_icd10_codes_without_the_dot(client, guides):
    response = client.get(f"/infobutton/?mainSearchCriteria.v.cs={ICD10}&mainSearchCriteria.v.c=M544")
    assert response.status_code == 302
    assert response["Location"] == "/articles/sciatica/"


def test_openemr_asks_for_spanish_with_the_language_code(client, guides):
    response = client.get(
        f"/infobutton/?mainSearchCriteria.v.cs={ICD10}&mainSearchCriteria.v.c=M544&informationRecipient.languageCode.c=es"
    )
    assert response["Location"] == "/es/articles/sciatica/"
    assert "Ciática" in client.get(response["Location"]).content.decode()


def test_a_full_request_with_the_patients_context_is_answered_by_its_problem_alone(client, guides):
    response = ask(
        client,
        "23056005",
        SNOMED,
        **{
            "mainSearchCriteria.v.dn": "Sciatica",
            "mainSearchCriteria.v.ot": "sciatica left leg",
            "taskContext.c.c": "PROBLISTREV",
            "patientPerson.administrativeGenderCode.c": "F",
            "age.v.v": "45",
            "age.v.u": "a",
            "informationRecipient": "PAT",
            "performer": "PROV",
            "performer.languageCode.c": "en",
            "representedOrganization.id.root": "1.2.3.4.5",
            "knowledgeResponseType": "application/json",
        },
    )
    assert response.status_code == 200
    feed = response.json()["feed"]
    assert [entry["title"]["_value"] for entry in feed["entry"]] == ["Sciatica"]
    # The feed's ID, and everything else in the answer, carries nothing of the patient the record sent.
    assert "age.v" not in response.content.decode() and "administrativeGender" not in response.content.decode()
    assert response["Cache-Control"].count("no-store") == 1


@pytest.mark.parametrize(
    "params",
    [
        {"mainSearchCriteria.v.c1": "I80.2", "mainSearchCriteria.v.cs1": ICD10},
        {"mainSearchCriteria1.v.c": "I80.2", "mainSearchCriteria1.v.cs": ICD10},
    ],
)
def test_numbered_criteria_are_read_either_way_the_guide_allows(client, guides, params):
    params["knowledgeResponseType"] = "application/json"
    response = client.get(f"/infobutton/?{urlencode(params)}")
    assert [entry["title"]["_value"] for entry in response.json()["feed"]["entry"]] == ["Deep vein thrombosis"]


def test_several_criteria_bring_every_guide_that_fits_once(client, guides):
    params = {
        "mainSearchCriteria.v.c": "I80.2",
        "mainSearchCriteria.v.cs": ICD10,
        "mainSearchCriteria.v.c1": "128053003",
        "mainSearchCriteria.v.cs1": SNOMED,
        "mainSearchCriteria.v.c2": "M54.4",
        "mainSearchCriteria.v.cs2": ICD10,
        "knowledgeResponseType": "application/json",
    }
    entries = client.get(f"/infobutton/?{urlencode(params)}").json()["feed"]["entry"]
    assert [entry["title"]["_value"] for entry in entries] == ["Deep vein thrombosis", "Sciatica"]


# Both code systems.


@pytest.mark.parametrize(
    ("code", "system", "slug"),
    [
        ("I80.2", ICD10, "deep-vein-thrombosis"),
        ("i80.299", ICD10, "deep-vein-thrombosis"),  # falls back to its parent, I80.2
        ("I82.40", ICD10, "deep-vein-thrombosis"),
        ("M54.4", "2.16.840.1.113883.6.3", "sciatica"),  # WHO ICD-10, as UK records send it
        ("404223003", SNOMED, "deep-vein-thrombosis"),
        (" 128053003 ", SNOMED, "deep-vein-thrombosis"),
        ("23056005", SNOMED, "sciatica"),
    ],
)
def test_each_code_system_finds_its_guide(client, guides, code, system, slug):
    response = ask(client, code, system)
    assert response.status_code == 302
    assert response["Location"] == f"/articles/{slug}/"


def test_a_snomed_code_does_not_fall_back_like_an_icd10_code(client, guides):
    assert ask(client, "22298006", SNOMED).status_code == 404  # myocardial infarction: no guide


def test_a_draft_guide_is_never_an_answer(client, guides):
    assert ask(client, "M10.9").status_code == 404
    feed = ask(client, "M10.9", knowledgeResponseType="application/json").json()["feed"]
    assert feed["entry"] == []


# Every form of answer.


def test_a_code_that_several_guides_cover_gets_a_short_list_of_them(client, guides):
    response = ask(client, "E11", **{"clinic": "nobody"})
    assert response.status_code == 200
    html = response.content.decode()
    assert html.count('class="card"') == 2
    assert 'href="/articles/diabetic-foot/"' in html and 'href="/articles/peripheral-neuropathy/"' in html


def test_an_unknown_code_gets_a_friendly_page_with_a_search_for_its_name(client, guides):
    response = ask(client, "Z99.89", **{"mainSearchCriteria.v.dn": "Dependence on machines"})
    assert response.status_code == 404
    html = response.content.decode()
    assert "We do not have a guide for that code" in html
    assert 'value="Dependence on machines"' in html and "Z99.89" in html
    assert "911" in html  # the emergency advice never depends on finding a guide


def test_the_json_feed_has_the_guides_form(client, guides, spec):
    response = ask(client, "I80.2", knowledgeResponseType="application/json")
    assert response.status_code == 200 and response["Content-Type"] == "application/json"
    data = response.json()
    assert_feed(spec, data)
    entry = data["feed"]["entry"][0]
    assert entry["link"][0]["href"] == "http://testserver/articles/deep-vein-thrombosis/"
    assert entry["summary"]["_value"] == "A short summary of the condition."
    assert {"scheme": "mainSearchCriteria.v.c", "term": "I80.2"} in data["feed"]["category"]
    assert {"scheme": "mainSearchCriteria.v.cs", "term": ICD10} in data["feed"]["category"]


def test_the_json_feed_for_an_unknown_code_is_empty_with_404(client, guides, spec):
    response = ask(client, "Z99.89", knowledgeResponseType="application/json")
    assert response.status_code == 404
    assert_feed(spec, response.json())
    assert response.json()["feed"]["entry"] == []


@pytest.mark.parametrize(
    ("asked", "content_type"), [("text/xml", "text/xml"), ("application/atom+xml", "application/atom+xml")]
)
def test_the_atom_feed_is_atom(client, guides, asked, content_type):
    response = ask(client, "M54.4", knowledgeResponseType=asked)
    assert response.status_code == 200
    assert response["Content-Type"] == f"{content_type}; charset=utf-8"
    root = atom(response)
    entries = root.findall(f"{ATOM}entry")
    assert [e.findtext(f"{ATOM}title") for e in entries] == ["Sciatica"]
    # The summary is marked as HTML, so plain text arrives escaped and shows as written.
    summary = entries[0].find(f"{ATOM}summary")
    assert summary.get("type") == "html" and summary.text.endswith("&lt;and&gt; more.")
    schemes = {c.get("scheme"): c.get("term") for c in root.findall(f"{ATOM}category")}
    assert schemes["mainSearchCriteria.v.c"] == "M54.4" and schemes["informationRecipient"] == "PAT"


def test_the_atom_feed_for_an_unknown_code_is_empty_with_404(client, guides):
    response = ask(client, "Z99.89", knowledgeResponseType="text/xml")
    assert response.status_code == 404
    assert atom(response).findall(f"{ATOM}entry") == []


# Both languages.


def test_the_feeds_are_in_the_language_asked_for(client, guides, spec):
    response = ask(
        client, "M54.4", **{"knowledgeResponseType": "application/json", "informationRecipient.languageCode.c": "es"}
    )
    assert response["Content-Language"] == "es"
    entry = response.json()["feed"]["entry"][0]
    assert entry["title"]["_value"] == "Ciática" and entry["lang"] == "es"
    assert entry["link"][0]["href"] == "http://testserver/es/articles/sciatica/"
    assert_feed(spec, response.json())


def test_a_guide_not_yet_translated_comes_in_english_and_says_so(client, guides):
    response = ask(
        client, "I80.2", **{"knowledgeResponseType": "text/xml", "informationRecipient.languageCode.c": "es"}
    )
    root = atom(response)
    assert root.get(XML_LANG) == "es"
    entry = root.find(f"{ATOM}entry")
    assert entry.get(XML_LANG) == "en" and entry.findtext(f"{ATOM}title") == "Deep vein thrombosis"
    assert entry.find(f"{ATOM}link").get("href") == "http://testserver/es/articles/deep-vein-thrombosis/"


@pytest.mark.parametrize(
    ("language", "location"),
    [("es-MX", "/es/articles/sciatica/"), ("spa", "/es/articles/sciatica/"), ("EN-us", "/articles/sciatica/"),
     ("fr", "/articles/sciatica/")],
)  # fmt: skip
def test_language_codes_as_records_write_them(client, guides, language, location):
    assert ask(client, "M54.4", **{"informationRecipient.languageCode.c": language})["Location"] == location


def test_without_a_language_the_browsers_is_used(client, guides):
    response = client.get(
        f"/infobutton/?mainSearchCriteria.v.c=M54.4&mainSearchCriteria.v.cs={ICD10}",
        HTTP_ACCEPT_LANGUAGE="es-ES,es;q=0.9",
    )
    assert response["Location"] == "/es/articles/sciatica/"


def test_the_page_for_an_unknown_code_is_in_the_language_asked_for(client, guides):
    response = ask(client, "Z99.89", **{"informationRecipient.languageCode.c": "es"})
    assert response.status_code == 404 and response["Content-Language"] == "es"
    html = response.content.decode()
    assert '<html lang="es"' in html
    assert ">Ciática</a>: M54.3, M54.4; SNOMED CT 23056005" in html  # the codes we cover, in Spanish
    assert '<li lang="en"><a href="/es/articles/deep-vein-thrombosis/">Deep vein thrombosis</a>' in html


# Bad and missing parameters.


@pytest.mark.parametrize(
    ("query", "parameter"),
    [
        ("", "mainSearchCriteria.v.c"),
        ("mainSearchCriteria.v.cs=2.16.840.1.113883.6.90", "mainSearchCriteria.v.c"),
        ("mainSearchCriteria.v.c=M54.4", "mainSearchCriteria.v.cs"),
        (f"mainSearchCriteria.v.c=724.2&mainSearchCriteria.v.cs={ICD9}", "mainSearchCriteria.v.cs"),
        (f"mainSearchCriteria.v.c=not-a-code&mainSearchCriteria.v.cs={ICD10}", "mainSearchCriteria.v.c"),
        (f"mainSearchCriteria.v.c=23056006&mainSearchCriteria.v.cs={SNOMED}", "mainSearchCriteria.v.c"),
        (f"mainSearchCriteria.v.c=M54.4&mainSearchCriteria.v.cs={SNOMED}", "mainSearchCriteria.v.c"),
        ("mainSearchCriteria.v.c1=M54.4&mainSearchCriteria.v.cs1=9.9", "mainSearchCriteria.v.cs1"),
        (
            f"mainSearchCriteria.v.c=M54.4&mainSearchCriteria.v.cs={ICD10}&informationRecipient=NURSE",
            "informationRecipient",
        ),
    ],
)
def test_a_request_that_cannot_be_answered_gets_400_naming_the_parameter(client, guides, spec, query, parameter):
    for kind in ("application/json", "text/xml", "text/html"):
        response = client.get(f"/infobutton/?{query}&knowledgeResponseType={kind}")
        assert response.status_code == 400, kind
        if kind == "application/json":
            assert list(response.json()["errors"]) == [parameter]
            schema = {"$ref": "#/components/schemas/Errors", "components": spec["components"]}
            jsonschema.validate(response.json(), schema)
        elif kind == "text/xml":
            errors = ET.fromstring(response.content)  # noqa: S314 - our own answer
            assert [e.get("parameter") for e in errors] == [parameter] and errors[0].text
        else:
            html = response.content.decode()
            assert f"<code>{parameter}</code>" in html and "This link is not complete" in html


@pytest.mark.parametrize("kind", ["text/javascript", "application/javascript", "application/pdf"])
def test_an_answer_form_we_do_not_give_is_named_on_a_page(client, guides, kind):
    response = ask(client, "M54.4", knowledgeResponseType=kind)
    assert response.status_code == 400 and response["Content-Type"].startswith("text/html")
    assert "<code>knowledgeResponseType</code>" in response.content.decode()


def test_a_long_request_may_come_as_a_form_post_from_another_site(guides):
    record = Client(enforce_csrf_checks=True)
    form = {
        "mainSearchCriteria.v.c": "M54.4",
        "mainSearchCriteria.v.cs": ICD10,
        "informationRecipient.languageCode.c": "es",
    }
    response = record.post("/infobutton/", form)
    assert response.status_code == 303 and response["Location"] == "/es/articles/sciatica/"
    feed = record.post("/infobutton/", {**form, "knowledgeResponseType": "application/json"}).json()["feed"]
    assert feed["entry"][0]["title"]["_value"] == "Ciática"


def test_it_changes_nothing(client, guides):
    assert client.put(f"/infobutton/?mainSearchCriteria.v.c=M54.4&mainSearchCriteria.v.cs={ICD10}").status_code == 405


def test_codes_in_systems_we_do_not_read_are_passed_over_when_another_can_be_answered(client, guides):
    params = {
        "mainSearchCriteria.v.c": "197361",  # a medicine, in RxNorm
        "mainSearchCriteria.v.cs": "2.16.840.1.113883.6.88",
        "mainSearchCriteria.v.c1": "724.2",  # ICD-9
        "mainSearchCriteria.v.cs1": ICD9,
        "mainSearchCriteria.v.c2": "M54.4",
        "mainSearchCriteria.v.cs2": ICD10,
    }
    assert client.get(f"/infobutton/?{urlencode(params)}")["Location"] == "/articles/sciatica/"
    del params["mainSearchCriteria.v.c2"], params["mainSearchCriteria.v.cs2"]
    errors = client.get(f"/infobutton/?{urlencode(params)}&knowledgeResponseType=application/json").json()["errors"]
    assert set(errors) == {"mainSearchCriteria.v.cs", "mainSearchCriteria.v.cs1"}


def test_the_page_for_a_request_without_a_code_offers_a_search_for_the_problems_name(client, guides):
    response = client.get("/infobutton/?mainSearchCriteria.v.ot=pain%20down%20my%20leg")
    assert response.status_code == 400
    assert 'value="pain down my leg"' in response.content.decode()


def test_control_characters_in_the_problems_name_leave_the_feed_well_formed(client, guides):
    response = ask(client, "Z99.89", **{"mainSearchCriteria.v.dn": "a\x01b\x00c", "knowledgeResponseType": "text/xml"})
    categories = {c.get("scheme"): c.get("term") for c in atom(response).findall(f"{ATOM}category")}
    assert categories["mainSearchCriteria.v.dn"] == "abc"


def test_links_followed_from_an_answer_never_pass_its_address_on(client, guides):
    for response in (ask(client, "M54.4"), ask(client, "E11"), ask(client, "Z99.89"), client.get("/infobutton/")):
        assert response["Referrer-Policy"] == "no-referrer"
        assert "no-store" in response["Cache-Control"]


def test_the_language_switch_keeps_the_request_but_not_the_patient(client, guides):
    html = ask(client, "E11", **{"age.v.v": "47", "patientPerson.administrativeGenderCode.c": "F"}).content.decode()
    spanish = re.search(r'href="(/infobutton/\?[^"]+informationRecipient.languageCode.c=es)"', html)
    assert spanish, html
    assert "E11" in spanish.group(1) and "age.v" not in spanish.group(1) and "Gender" not in spanish.group(1)
    assert client.get(spanish.group(1).replace("&amp;", "&")).status_code == 200


def test_a_record_that_shows_answers_in_a_frame_gets_the_embeddable_guide(client, guides, riverside):
    response = ask(client, "M54.4", clinic="riverside", HTTP_SEC_FETCH_DEST="iframe")
    assert response["Location"] == "/embed/articles/sciatica/?clinic=riverside"
    framed = client.get(response["Location"], HTTP_SEC_FETCH_DEST="iframe")
    assert framed.status_code == 200 and "https://portal.riverside.example" in framed["Content-Security-Policy"]
    listing = ask(client, "E11", HTTP_SEC_FETCH_DEST="iframe")
    assert "https://portal.riverside.example" in listing["Content-Security-Policy"]
    assert "X-Frame-Options" not in listing and 'class="site-header"' not in listing.content.decode()
    opened = ask(client, "E11")  # in a window of its own: a page of the site, which no one may frame
    assert opened["X-Frame-Options"] == "DENY" and 'class="site-header"' in opened.content.decode()


# Clinic context.


@pytest.fixture
def riverside():
    return Clinic.objects.create(name="Riverside Clinic", slug="riverside", phone="0161 555 0101",
                                 booking_url="https://book.riverside-clinic.example/",
                                 embed_origins="https://portal.riverside.example")  # fmt: skip


def test_the_clinic_comes_with_the_patient_to_the_guide(client, guides, riverside):
    response = ask(client, "M54.4", clinic="riverside")
    assert response["Location"] == "/articles/sciatica/?clinic=riverside"
    # A fresh browser: the clinic must come with the link itself, as into a health record's pop-up window.
    html = Client().get(response["Location"]).content.decode()
    assert "Riverside Clinic" in html and "0161 555 0101" in html


def test_the_feeds_links_carry_the_clinic(client, guides, riverside):
    feed = ask(client, "M54.4", clinic="riverside", knowledgeResponseType="application/json").json()["feed"]
    assert feed["entry"][0]["link"][0]["href"] == "http://testserver/articles/sciatica/?clinic=riverside"


def test_an_unknown_clinic_is_left_out(client, guides, riverside):
    assert ask(client, "M54.4", clinic="nobody")["Location"] == "/articles/sciatica/"


# Documented.


def test_the_openapi_documents_the_endpoint_and_every_answer_it_gives(client, spec):
    operation = spec["paths"]["/infobutton/"]["get"]
    names = {parameter["name"] for parameter in operation["parameters"]}
    assert {"mainSearchCriteria.v.c", "mainSearchCriteria.v.cs", "informationRecipient.languageCode.c"} <= names
    assert {"200", "302", "400", "404", "405", "503"} <= set(operation["responses"])


def test_search_engines_are_kept_out(client, guides):
    assert ask(client, "Z99.89")["X-Robots-Tag"] == "noindex"
    assert "Disallow: /infobutton/" in client.get("/robots.txt").content.decode()


@pytest.mark.parametrize("kind", ["text/html", "application/json", "text/xml"])
def test_an_answer_takes_a_fixed_number_of_queries(client, guides, django_assert_max_num_queries, kind):
    for number in range(20):
        make_article(slug=f"other-{number}", icd10_codes=f"E11.{number}")
    with django_assert_max_num_queries(3):
        response = ask(client, "E11", **{"knowledgeResponseType": kind, "informationRecipient.languageCode.c": "es"})
    assert response.status_code == 200
