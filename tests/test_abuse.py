"""Forms need their CSRF token, and no redirect leaves the site."""

import re

import pytest
from django.test import Client

from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db


@pytest.fixture
def strict():
    return Client(enforce_csrf_checks=True)


@pytest.mark.parametrize(
    ("url", "data"),
    [
        ("/self-check/questions/emergency-signs/", {"red_flags": ["none"]}),
        ("/self-check/clear/", {}),
        ("/admin/login/", {"username": "x", "password": "y"}),
    ],
)
def test_every_form_is_refused_without_its_csrf_token(strict, url, data):
    response = strict.post(url, data)
    assert response.status_code == 403
    assert "Please try that again" in response.content.decode()


def test_a_form_with_its_token_is_accepted(strict, client):
    # The first question is rendered once and each visitor's own token put in: two visitors, two tokens.
    pages = [visitor.get("/self-check/questions/emergency-signs/") for visitor in (strict, client)]
    tokens = [re.search(r'name="csrfmiddlewaretoken" value="([^"]+)"', page.text).group(1) for page in pages]
    assert tokens[0] != tokens[1]
    response = strict.post(
        "/self-check/questions/emergency-signs/", {"red_flags": ["none"], "csrfmiddlewaretoken": tokens[0]}
    )
    assert response.status_code == 302


def test_every_page_with_a_post_form_carries_a_token(client):
    for url in ["/self-check/questions/emergency-signs/", "/admin/login/"]:
        assert 'name="csrfmiddlewaretoken"' in client.get(url).content.decode()


@pytest.mark.parametrize(
    "target",
    ["https://evil.example/", "//evil.example/", "/\\evil.example", "https:evil.example", "javascript:alert(1)"],
)
def test_the_staff_login_never_redirects_off_site(client, target):
    make_staff("Editor", username="eddie")
    response = client.post(
        f"/admin/login/?next={target}", {"username": "eddie", "password": "a long staff password 42", "next": target}
    )
    assert response.status_code == 302
    assert response["Location"] == "/admin/"


@pytest.mark.parametrize("path", ["/go/https:%2F%2Fevil.example/", "/c/evil.example/", "/go/%2F%2Fevil.example/"])
def test_site_redirects_stay_on_the_site(client, path):
    make_article(slug="sciatica", icd10_codes="M54.3")
    response = client.get(path)
    location = response.get("Location", "")
    assert not location.startswith(("http", "//", "\\")), location
