"""Search forgives misspellings and offers what the patient meant."""

import pytest

pytestmark = pytest.mark.django_db


def first_result(client, query):
    page = client.get("/search/", {"q": query}).content.decode()
    return page.split('<li class="card"', 1)[1].split("</a>", 1)[0] if '<li class="card"' in page else ""


@pytest.mark.parametrize(
    ("typed", "page"),
    [
        ("siatica", "/articles/sciatica/"),
        ("thrombosys", "/articles/deep-vein-thrombosis/"),
        ("varicos vains", "/articles/varicose-veins/"),
        ("cellulites", "/articles/cellulitis/"),
        ("nueropathy", "/articles/peripheral-neuropathy/"),
        ("charley horse", "/articles/muscle-cramps/"),
        ("blood clot", "/articles/deep-vein-thrombosis/"),
    ],
)
def test_misspellings_and_lay_words_find_the_right_page_first(client, starter_articles, typed, page):
    assert f'href="{page}"' in first_result(client, typed)


def test_a_misspelling_offers_what_the_patient_meant(client, starter_articles):
    page = client.get("/search/", {"q": "siatica"}).content.decode()
    assert 'Did you mean <a href="/search/?q=Sciatica">Sciatica</a>?' in page


def test_a_correct_spelling_needs_no_guess(client, starter_articles):
    page = client.get("/search/", {"q": "sciatica"}).content.decode()
    assert "Did you mean" not in page


def test_nonsense_finds_nothing_rather_than_a_wild_guess(client, starter_articles):
    page = client.get("/search/", {"q": "zzzzqqq"}).content.decode()
    assert "0 results" in page and "Did you mean" not in page


@pytest.mark.parametrize("typed", ["ciatica", "siatica", "varices"])
def test_spanish_search_forgives_missing_accents_and_misspellings(client, starter_articles, typed):
    page = client.get("/es/search/", {"q": typed}).content.decode()
    first = page.split('<li class="card"', 1)[1].split("</a>", 1)[0]
    assert 'href="/es/articles/sciatica/"' in first or 'href="/es/articles/varicose-veins/"' in first
