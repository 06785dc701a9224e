"""The starter articles shipped with the site, and the loader that puts them in the database."""

import shutil

import pytest
from django.core.management import call_command

from education.models import Article
from education.starter_content import CONTENT_DIR, ContentError, load_articles
from triage.vocabulary import ALL_CAUSE_KEYS

pytestmark = pytest.mark.django_db

# As the loader reports them: English slugs, and each translation with its language.
STARTER_SLUGS = sorted(
    [path.stem for path in CONTENT_DIR.glob("*.md")] + [f"es/{path.stem}" for path in CONTENT_DIR.glob("es/*.md")]
)


# Every cause the self-check can name has its page, and one overview article explains why pain travels.
def test_every_cause_has_a_published_article_and_there_is_an_overview(starter_articles):
    published = Article.objects.published()
    assert published.count() == len(ALL_CAUSE_KEYS) + 1
    assert sorted(a.cause_key for a in published) == sorted([*ALL_CAUSE_KEYS, ""])


def test_loading_twice_changes_nothing(starter_articles):
    before = {a.slug: a.updated_at for a in Article.objects.all()}
    report = load_articles()
    assert report.created == [] and report.updated == [] and report.kept_staff_edits == []
    assert sorted(report.unchanged) == STARTER_SLUGS
    assert {a.slug: a.updated_at for a in Article.objects.all()} == before


def test_a_staff_edit_is_never_overwritten(starter_articles):
    article = Article.objects.get(language="en", slug="sciatica")
    article.body += "\nA note from our clinic.\n"
    article.save()
    report = load_articles()
    assert report.kept_staff_edits == ["sciatica"]
    assert "A note from our clinic." in Article.objects.get(language="en", slug="sciatica").body


def test_an_article_staff_made_themselves_is_never_overwritten(db):
    Article.objects.create(title="Our sciatica page", slug="sciatica", summary="Ours.", body="Ours.")
    report = load_articles()
    assert "sciatica" in report.kept_staff_edits
    assert Article.objects.get(language="en", slug="sciatica").title == "Our sciatica page"


def test_a_deleted_article_comes_back(starter_articles):
    Article.objects.get(language="es", slug="cellulitis").delete()
    Article.objects.get(language="en", slug="cellulitis").delete()
    report = load_articles()
    assert report.created == ["cellulitis", "es/cellulitis"]
    assert Article.objects.get(language="en", slug="cellulitis").related.exists()


def test_an_untouched_article_follows_its_file(starter_articles, tmp_path):
    shutil.copytree(CONTENT_DIR, tmp_path, dirs_exist_ok=True)
    path = tmp_path / "varicose-veins.md"
    path.write_text(path.read_text().replace("title: Varicose veins", "title: Varicose veins (updated)"))
    report = load_articles(tmp_path)
    assert report.updated == ["varicose-veins"]
    assert Article.objects.get(language="en", slug="varicose-veins").title == "Varicose veins (updated)"
    assert sorted(load_articles(tmp_path).unchanged) == STARTER_SLUGS


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
