"""export_content and import_content: the whole site survives a round trip through plain files."""

import json

import pytest
from django.core.management import CommandError, call_command

from education import workflow
from education.models import Article, Clinic
from education.starter_content import CONTENT_DIR, read_file
from tests.factories import make_article, make_staff

pytestmark = pytest.mark.django_db

STARTER_COUNT = len(list(CONTENT_DIR.glob("*.md"))) + len(list(CONTENT_DIR.glob("es/*.md")))


def snapshot():
    """Everything an article and a clinic hold that a backup must keep, keyed by language and slug."""
    articles = {
        (a.language, a.slug): {
            **{f: getattr(a, f) for f in ["title", "summary", "body", "status", "cause_key", "icd10_codes", "synonyms",
                                          "snomed_codes", "display_order", "last_reviewed", "next_review_due",
                                          "reviewer_name", "reviewer_credentials", "published_at", "compare_starts",
                                          "body_html"]},
            "draft_of": a.draft_of.slug if a.draft_of else None,
            "translation_of": a.translation_of.slug if a.translation_of else None,
            "translated_from": a.translated_from,
            "related": sorted(r.slug for r in a.related.all()),
            "sources": [(s.title, s.url) for s in a.sources.all()],
        }
        for a in Article.objects.all()
    }  # fmt: skip
    clinics = {c.slug: (c.name, c.phone, c.booking_url, c.opening_hours, c.embed_origins) for c in Clinic.objects.all()}
    return articles, clinics


@pytest.fixture
def busy_site(starter_articles):
    """The starter content plus the kinds of state staff create: drafts, a pending revision, a clinic."""
    reviewer = make_staff("Clinical reviewer")
    make_article(slug="draft-page", title="Draft page", status=Article.Status.DRAFT, body="## Draft\n\nNot yet.")
    sciatica = Article.objects.get(language="en", slug="sciatica")
    revision = workflow.start_revision(sciatica, user=reviewer)
    revision.body += "\nA pending change.\n"
    revision.save()
    Clinic.objects.create(
        name="Riverside Clinic", slug="riverside", phone="0161 555 0101", embed_origins="https://riverside.example"
    )


def test_the_whole_site_round_trips(busy_site, tmp_path, capsys):
    before = snapshot()
    call_command("export_content", str(tmp_path / "backup"))
    assert f"Exported {STARTER_COUNT + 2} articles and 1 clinics" in capsys.readouterr().out
    Article.objects.all().delete()
    Clinic.objects.all().delete()
    call_command("import_content", str(tmp_path / "backup"))
    assert snapshot() == before


def test_the_export_is_plain_markdown_with_front_matter_and_a_manifest(busy_site, tmp_path):
    call_command("export_content", str(tmp_path))
    manifest = json.loads((tmp_path / "manifest.json").read_text())
    assert len(manifest["articles"]) == STARTER_COUNT + 2  # with a draft and a pending revision
    assert manifest["clinics"][0]["slug"] == "riverside"
    text = (tmp_path / "articles" / "sciatica.md").read_text()
    assert text.startswith("---\ntitle: Sciatica\nslug: sciatica\n")
    assert "## What is sciatica?" in text
    revision_file = next(p for p in (tmp_path / "articles").glob("sciatica-revision-*.md"))
    assert "draft_of: sciatica" in revision_file.read_text()


def test_import_overwrites_what_changed_since_the_export(busy_site, tmp_path):
    call_command("export_content", str(tmp_path))
    article = Article.objects.get(language="en", slug="cellulitis")
    article.title = "Broken by mistake"
    article.save()
    call_command("import_content", str(tmp_path))
    assert Article.objects.get(language="en", slug="cellulitis").title == "Cellulitis"


def test_a_tampered_or_missing_backup_is_refused_clearly(busy_site, tmp_path):
    with pytest.raises(CommandError, match="manifest.json"):
        call_command("import_content", str(tmp_path / "nowhere"))
    call_command("export_content", str(tmp_path))
    path = tmp_path / "articles" / "cellulitis.md"
    path.write_text(path.read_text().replace("Cellulitis", "Hacked"))
    with pytest.raises(CommandError, match="checksum"):
        call_command("import_content", str(tmp_path))
    assert Article.objects.get(language="en", slug="cellulitis").title == "Cellulitis"


def test_an_exported_article_is_a_starter_file(starter_articles, tmp_path):
    call_command("export_content", str(tmp_path))
    for path in sorted(CONTENT_DIR.glob("*.md")):
        starter, exported = read_file(path), read_file(tmp_path / "articles" / path.name)
        # The export says more (its status and dates); what the starter file says, it says the same way.
        assert {name: exported.fields[name] for name in starter.fields} == starter.fields, path.name
        assert (exported.sources, exported.related) == (starter.sources, sorted(starter.related)), path.name
