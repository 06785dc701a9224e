"""Emergency and same-day signs say the same thing everywhere: in every article, on the home page and in the
self-check, all from the self-check's one list; and every article puts what to do now first."""

from __future__ import annotations

import html
import re

import pytest

from education.models import Article
from tests.factories import article_form_data, make_staff
from tests.triage.helpers import walk
from triage.examples import DIABETIC_NEUROPATHY
from triage.rules import RULES

pytestmark = pytest.mark.django_db

TEXTS = {
    level: {s.text for s in RULES.warning_signs.values() if s.urgency == level} for level in ("emergency", "urgent")
}
CARD = re.compile(r'<div class="care-card care-card--(\w+)">(.*?)</div>\s*</div>', re.S)
ITEM = re.compile(r"<li>(.*?)</li>", re.S)


def words(fragment: str) -> list[str]:
    return html.unescape(re.sub(r"<[^>]+>", " ", fragment)).split()


def article_body(client, slug: str) -> str:
    page = client.get(f"/articles/{slug}/").content.decode()
    return page.split('<div class="prose">', 1)[1].split('<aside class="callout', 1)[0]


def slugs() -> list[str]:
    return list(Article.objects.published().values_list("slug", flat=True))


def test_every_article_opens_with_emergency_and_same_day_signs_within_200_words(client, starter_articles):
    assert len(slugs()) >= 10
    for slug in slugs():
        body = article_body(client, slug)
        for level in ("emergency", "urgent"):
            start = body.find(f"care-card--{level}")
            assert start > 0, (slug, level)
            assert len(words(body[:start])) <= 200, (slug, level, len(words(body[:start])))


def test_article_emergency_and_same_day_signs_are_the_self_checks_words(client, starter_articles):
    for slug in slugs():
        for level, card in CARD.findall(article_body(client, slug)):
            if level in TEXTS:
                items = [html.unescape(item).strip() for item in ITEM.findall(card)]
                assert items and set(items) <= TEXTS[level], (slug, level, set(items) - TEXTS[level])


def test_home_page_emergency_signs_are_the_self_checks_words(client):
    page = client.get("/").content.decode()
    card = page.split('id="emergency-signs"', 1)[1].split("</ul>", 1)[0]
    items = [html.unescape(item).strip() for item in ITEM.findall(card)]
    assert len(items) >= 6 and set(items) <= TEXTS["emergency"]


def test_self_check_result_lists_warning_signs_in_the_same_words(client, starter_articles):
    walk(client, DIABETIC_NEUROPATHY)
    page = client.get("/self-check/result/").content.decode()
    section = page.split('id="sooner-heading"', 1)[1].split("</section>", 1)[0]
    items = {html.unescape(item).strip() for item in ITEM.findall(section)}
    assert items and items <= TEXTS["emergency"] | TEXTS["urgent"] | {s.text for s in RULES.warning_signs.values()}
    assert "Call 911 now if:" in section


@pytest.mark.parametrize(
    ("card", "message"),
    [
        ("!!! emergency\n    - your leg hurts a lot\n", "must be one sign from the shared list"),
        ("!!! urgent\n    - {{ sign:clot_in_lungs }}\n", "belongs in the emergency card"),
        ("!!! emergency\n    - {{ sign:no_such_sign }}\n", "there is no warning sign called"),
    ],
)
def test_the_editor_is_told_when_a_card_disagrees_with_the_self_check(client, card, message):
    client.force_login(make_staff("Editor"))
    body = f"## What to do now\n\n{card}\n## More\n\nText.\n"
    response = client.post("/admin/education/article/add/", article_form_data(body=body))
    assert response.status_code == 200
    page = html.unescape(response.content.decode())
    assert message in page and "Line 4" in page
    assert not Article.objects.filter(language="en", slug="shin-splints").exists()


def test_a_sign_token_becomes_the_signs_words(client):
    client.force_login(make_staff("Editor"))
    body = "## What to do now\n\n!!! emergency\n    - {{ sign:clot_in_lungs }}\n"
    client.post("/admin/education/article/add/", article_form_data(body=body))
    article = Article.objects.get(language="en", slug="shin-splints")
    assert str(RULES.warning_signs["clot_in_lungs"].text) in article.html
    assert "sign:" not in article.html and "{{" not in article.html


def test_the_cheat_sheet_names_the_shared_signs_by_card(client):
    client.force_login(make_staff("Editor"))
    page = html.unescape(client.get("/admin/education/article/add/").content.decode())
    assert "{{ sign:swollen_calf }}" in page
    assert "Emergency signs: clot_in_lungs," in page and "Urgent signs: swollen_calf" in page
