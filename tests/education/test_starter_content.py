"""The starter articles shipped with the site, and the loader that puts them in the database."""

import re
import shutil

import pytest
from django.core.management import call_command

from education.models import Article
from education.starter_content import CONTENT_DIR, ContentError, load_articles
from triage.vocabulary import ALL_CAUSE_KEYS

pytestmark = pytest.mark.django_db

STARTER_SLUGS = sorted(path.stem for path in CONTENT_DIR.glob("*.md"))


# Causes the self-check names whose starter article is still to be written; until then their outcome links to the
# list of articles. Remove a key when its article lands, so the list can only shrink.
def test_every_cause_has_a_published_article_and_there_is_an_overview(starter_articles):
    published = Article.objects.published()
    assert published.count() == len(ALL_CAUSE_KEYS) + 1
    assert sorted(a.cause_key for a in published) == sorted([*ALL_CAUSE_KEYS, ""])


@pytest.mark.parametrize("slug", STARTER_SLUGS)
def test_starter_article_is_plain_english_and_complete(starter_articles, slug):
    article = Article.objects.get(slug=slug)
    assert article.reading_grade <= 8, f"{slug} reads at grade {article.reading_grade}"
    assert 500 <= article.word_count <= 1000, f"{slug} has {article.word_count} words"
    assert len(article.summary) <= 160
    assert article.sources.count() >= 3
    assert all(s.url.startswith("https://") for s in article.sources.all())
    # Nobody's name stands on a page until a clinician has signed it off.
    assert not (article.last_reviewed or article.reviewer_name or article.reviewer_credentials)
    assert article.related.exists()
    cards = re.findall(r'class="care-card care-card--(\w+)"', article.body_html)
    assert cards and cards[0] == "emergency", f"{slug}: the emergency signs must come first, got {cards}"
    before_emergency = article.body_html.split('class="care-card care-card--emergency"')[0]
    assert len(re.sub(r"<[^>]+>", " ", before_emergency).split()) < 200, f"{slug}: emergency signs come too late"
    if article.cause_key:
        assert article.codes and article.synonym_list
        assert article.compare_starts and article.compare_legs and article.compare_feels
        assert article.compare_worse and article.compare_urgency and article.area


@pytest.mark.parametrize("slug", STARTER_SLUGS)
def test_every_internal_link_in_a_starter_article_resolves(starter_articles, client, slug):
    article = Article.objects.get(slug=slug)
    links = set(re.findall(r'href="(/[^"]*)"', article.body_html))
    for link in links:
        path = link.split("#")[0]
        assert client.get(path).status_code == 200, f"{slug} links to {link}, which does not resolve"
    for anchor in re.findall(r'href="#([^"]+)"', article.body_html):
        assert f'id="{anchor}"' in article.body_html, f"{slug} links to a missing anchor #{anchor}"


def test_loading_twice_changes_nothing(starter_articles):
    before = {a.slug: a.updated_at for a in Article.objects.all()}
    report = load_articles()
    assert report.created == [] and report.updated == [] and report.kept_staff_edits == []
    assert sorted(report.unchanged) == STARTER_SLUGS
    assert {a.slug: a.updated_at for a in Article.objects.all()} == before


def test_a_staff_edit_is_never_overwritten(starter_articles):
    article = Article.objects.get(slug="sciatica")
    article.body += "\nA note from our clinic.\n"
    article.save()
    report = load_articles()
    assert report.kept_staff_edits == ["sciatica"]
    assert "A note from our clinic." in Article.objects.get(slug="sciatica").body


def test_an_article_staff_made_themselves_is_never_overwritten(db):
    Article.objects.create(title="Our sciatica page", slug="sciatica", summary="Ours.", body="Ours.")
    report = load_articles()
    assert "sciatica" in report.kept_staff_edits
    assert Article.objects.get(slug="sciatica").title == "Our sciatica page"


def test_a_deleted_article_comes_back(starter_articles):
    Article.objects.get(slug="cellulitis").delete()
    report = load_articles()
    assert report.created == ["cellulitis"]
    assert Article.objects.get(slug="cellulitis").related.exists()


def test_an_untouched_article_follows_its_file(starter_articles, tmp_path):
    shutil.copytree(CONTENT_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "varicose-veins.md"
    path.write_text(path.read_text().replace("title: Varicose veins", "title: Varicose veins (updated)"))
    report = load_articles(tmp_path)
    assert report.updated == ["varicose-veins"]
    assert Article.objects.get(slug="varicose-veins").title == "Varicose veins (updated)"
    assert load_articles(tmp_path).unchanged == STARTER_SLUGS


def test_broken_front_matter_is_reported_by_file(db, tmp_path):
    (tmp_path / "broken.md").write_text("---\ntitle: [unclosed\n---\nBody\n")
    with pytest.raises(ContentError, match="broken.md"):
        load_articles(tmp_path)


def test_a_missing_related_article_is_reported(db, tmp_path):
    (tmp_path / "a.md").write_text("---\ntitle: A\nslug: a\nsummary: A.\nrelated: [nowhere]\n---\nBody\n")
    with pytest.raises(ContentError, match="nowhere"):
        load_articles(tmp_path)


def test_the_command_reports_what_it_did(db, capsys):
    call_command("load_content")
    assert f"{len(STARTER_SLUGS)} created" in capsys.readouterr().out
    call_command("load_content")
    assert f"{len(STARTER_SLUGS)} unchanged" in capsys.readouterr().out


def test_a_source_that_is_not_a_web_link_is_refused(db, tmp_path):
    (tmp_path / "a.md").write_text(
        "---\ntitle: A\nslug: a\nsummary: A.\nsources:\n  - title: Bad\n    url: javascript:alert(1)\n---\nBody\n"
    )
    with pytest.raises(ContentError, match="not an http or https link"):
        load_articles(tmp_path)
