"""Search and the self-check API are rate-limited per client, at a rate no person meets."""

import pytest

pytestmark = pytest.mark.django_db

API = "/api/v1/self-check/"


@pytest.fixture(autouse=True)
def low_limit(settings):
    settings.RATELIMIT_RATE = "5/m"


def search(client, words="leg", **extra):
    return client.get("/search/", {"q": words}, **extra)


def ask(client, **extra):
    return client.post(API, {"red_flags": ["none"]}, content_type="application/json", **extra)


def test_search_is_limited_with_a_friendly_429(client):
    # Each search a different one: a search already answered is a kept page, which costs the site nothing.
    assert [search(client, f"leg {n}").status_code for n in range(5)] == [200] * 5
    response = search(client, "leg 6")
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Please wait a minute" in response.content.decode()


def test_the_self_check_api_is_limited_with_a_json_429(client):
    assert all(ask(client).status_code == 200 for _ in range(5))
    response = ask(client)
    assert response.status_code == 429
    assert response["Retry-After"] == "60"
    assert "Too many requests" in response.json()["errors"]["__all__"][0]


def test_each_client_has_its_own_count(client):
    for _ in range(5):
        ask(client, REMOTE_ADDR="10.0.0.1")
    assert ask(client, REMOTE_ADDR="10.0.0.1").status_code == 429
    assert ask(client, REMOTE_ADDR="10.0.0.2").status_code == 200


def test_a_forged_forwarded_header_does_not_dodge_the_limit(client):
    for number in range(5):
        ask(client, HTTP_X_FORWARDED_FOR=f"203.0.113.{number}")
    assert ask(client, HTTP_X_FORWARDED_FOR="203.0.113.99").status_code == 429


def test_behind_a_trusted_proxy_the_address_it_saw_is_used(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    for _ in range(5):
        ask(client, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.7")
    assert ask(client, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR="198.51.100.7").status_code == 429
    # A client that writes its own X-Forwarded-For only adds entries to the left of what the proxy appends.
    forged = "1.2.3.4, 198.51.100.8"
    assert ask(client, REMOTE_ADDR="10.0.0.9", HTTP_X_FORWARDED_FOR=forged).status_code == 200


def test_article_pages_are_not_limited(client, starter_articles):
    assert all(client.get("/articles/sciatica/").status_code == 200 for _ in range(8))


def test_limits_can_be_switched_off_for_load_tests(client, settings):
    settings.RATELIMIT_ENABLE = False
    assert all(ask(client).status_code == 200 for _ in range(8))
