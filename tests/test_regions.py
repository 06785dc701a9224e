"""A patient reads only their own region's words: numbers, places, medicine names and spelling."""

from __future__ import annotations

import re

import pytest

from education.models import Article
from tests.triage.helpers import ask_api, walk
from triage.examples import BY_URGENCY

# Words that belong to one region, as a patient reads them on a page (citations aside).
OWN_WORDS = {
    "us": ["911", "emergency room", "acetaminophen", "Tylenol", "urgent care", "your doctor", "sala de emergencias",
           "acetaminofén"],
    "gb": ["999", "A&E", "paracetamol", "NHS 111", "your GP", "médico de cabecera"],
}  # fmt: skip
# English spelling; Spanish has its own ("color" and "tumor" are Spanish words).
OWN_SPELLING = {"us": ["color", "tumor"], "gb": ["colour", "tumour"]}
OTHER = {"us": "gb", "gb": "us"}
# Citations name their sources as the sources do ("NHS: Necrotising fasciitis"); they are not the site's words.
CITATIONS = re.compile(
    r'<div class="footnote">.*?</div>|<section[^>]*class="[^"]*sources[^"]*".*?</section>|<script.*?</script>', re.S
)
NUMBERS = {"us": "911", "gb": "999"}


@pytest.fixture(params=["us", "gb"])
def region(request, settings):
    settings.SITE_REGION = request.param
    settings.EMERGENCY_NUMBER = NUMBERS[request.param]
    return request.param


def shown_text(html: str) -> str:
    html = CITATIONS.sub(" ", html)
    return re.sub(r"\s+", " ", re.sub(r"<[^>]+>", " ", html))


def foreign_words(text: str, region: str, english: bool = True) -> list[str]:
    words = OWN_WORDS[OTHER[region]] + (OWN_SPELLING[OTHER[region]] if english else [])
    return [word for word in words if re.search(rf"(?<![\w/-]){re.escape(word)}(?![\w/-])", text)]


def page(client, path: str) -> str:
    response = client.get(path)
    assert response.status_code == 200, path
    return response.text


def self_check_pages(client) -> list[tuple[str, str]]:
    pages = [("start", page(client, "/self-check/"))]
    for urgency, answers in BY_URGENCY.items():
        client.cookies.clear()
        walk(client, answers)
        url = "/self-check/emergency/" if urgency == "emergency" else "/self-check/result/"
        pages.append((urgency, page(client, url)))
    return pages


@pytest.mark.django_db
def test_every_page_shows_only_its_own_regions_words(client, starter_articles, region):
    paths = ["/", "/articles/", "/for-clinics/", "/self-check/how-well-it-works/"]
    paths += [article.get_absolute_url() for article in Article.objects.all()]
    pages = [(path, page(client, path)) for path in paths] + self_check_pages(client)
    found = {
        name: words
        for name, page in pages
        if (words := foreign_words(shown_text(page), region, english=not name.startswith("/es/")))
    }
    assert not found, f"{region} pages show the other region's words: {found}"


@pytest.mark.django_db
def test_the_self_check_api_speaks_the_regions_words(client, region):
    outcome = ask_api(client, BY_URGENCY["emergency"])
    text = " ".join(str(value) for value in outcome.values())
    assert NUMBERS[region] in outcome["headline"]
    assert not foreign_words(text, region)


@pytest.mark.django_db
def test_a_uk_site_spells_the_british_way_and_keeps_addresses(client, starter_articles, settings):
    settings.SITE_REGION = "gb"
    shown = shown_text(page(client, "/articles/acute-limb-ischemia/"))
    assert "acute limb ischaemia" in shown
    assert "acute limb ischemia" not in shown
    assert 'href="/articles/acute-limb-ischemia/"' in page(client, "/articles/peripheral-artery-disease/")


@pytest.mark.django_db
def test_sources_of_the_readers_region_come_first(client, starter_articles, region):
    sources = re.search(r'class="sources-section".*?</section>', page(client, "/articles/sciatica/"), re.S)
    assert sources, "the article lists its sources"
    hosts = re.findall(r'href="https?://([^/"]+)', sources.group(0))
    first = "medlineplus.gov" if region == "us" else "www.nhs.uk"
    assert hosts[0].endswith(first.split("www.")[-1]), hosts
