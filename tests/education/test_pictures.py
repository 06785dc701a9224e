"""Pictures: described, in the page's language, checked and scaled on upload, served for a year."""

import io

import pytest
from django.core.files.uploadedfile import SimpleUploadedFile
from PIL import Image

from education.models import Article, Picture
from education.starter_content import load_pictures
from tests.factories import article_form_data, make_article, make_staff

pytestmark = pytest.mark.django_db

SVG = (
    '<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 400 400" role="img"><title>The sciatic nerve</title>'
    '<path d="M200 40 L200 360" stroke="#8a6d00" stroke-width="6"/></svg>'
)
WORDS = """alt: {en: "The sciatic nerve from the back to the foot", es: "El nervio ciático de la espalda al pie"}
caption: {en: "1 is the lower back.", es: "1 es la parte baja de la espalda."}
description: {en: "A long nerve runs down the back of the leg.", es: "Un nervio largo baja por la pierna."}
"""


@pytest.fixture
def diagram(tmp_path):
    (tmp_path / "sciatic-nerve.svg").write_text(SVG)
    (tmp_path / "sciatic-nerve.yaml").write_text(WORDS)
    assert load_pictures(tmp_path) == ["sciatic-nerve"]
    assert load_pictures(tmp_path) == []  # loading again adds nothing
    return Picture.objects.get(key="sciatic-nerve")


def test_an_article_shows_its_picture_with_alt_caption_and_description(client, diagram):
    make_article(slug="sciatica", body="## What is it?\n\nA nerve.\n\n{{ picture:sciatic-nerve }}\n")
    page = client.get("/articles/sciatica/").content.decode()
    assert f'<img src="/media/{diagram.image.name}" alt="The sciatic nerve from the back to the foot"' in page
    assert 'width="400" height="400" loading="lazy"' in page  # room kept before it loads
    assert '<figcaption><span class="diagram__caption">1 is the lower back.</span><details' in page
    assert "<summary>Describe this picture</summary><p>A long nerve runs down the back of the leg.</p>" in page


def test_the_spanish_page_describes_the_picture_in_spanish(client, diagram):
    english = make_article(slug="sciatica", body="{{ picture:sciatic-nerve }}\n")
    make_article(
        slug="sciatica", language="es", translation_of=english, title="Ciática", body="{{ picture:sciatic-nerve }}\n"
    )
    page = client.get("/es/articles/sciatica/").content.decode()
    assert 'alt="El nervio ciático de la espalda al pie"' in page and "Un nervio largo baja" in page


def test_pictures_are_served_for_a_year(client, diagram):
    response = client.get(f"/media/{diagram.image.name}")
    assert response.status_code == 200 and response["Content-Type"] == "image/svg+xml"
    assert response["Cache-Control"] == "public, max-age=31536000, immutable"
    assert b"The sciatic nerve" in b"".join(response.streaming_content)
    assert client.get("/media/../db.sqlite3").status_code == 404


def upload(client, name, content, **fields):
    data = {"key": "leg", "alt": "A leg", "caption": "", "description": "A drawing of a leg.", **fields}
    data["image"] = SimpleUploadedFile(name, content)
    return client.post("/admin/education/picture/add/", data)


def test_a_large_photo_is_scaled_for_phones_and_needs_its_words(client):
    client.force_login(make_staff("Editor"))
    photo = io.BytesIO()
    Image.new("RGB", (3000, 2000), "white").save(photo, "JPEG")
    refused = upload(client, "leg.jpg", photo.getvalue(), alt="", description="")
    assert refused.status_code == 200 and not Picture.objects.exists()
    assert upload(client, "leg.jpg", photo.getvalue()).status_code == 302
    stored = Picture.objects.get(key="leg")
    with stored.image.open() as file:
        assert Image.open(file).size == (1200, 800)


def test_an_svg_that_could_run_code_is_refused(client):
    client.force_login(make_staff("Editor"))
    hostile = SVG.replace("</svg>", "<script>alert(1)</script></svg>").encode()
    response = upload(client, "leg.svg", hostile)
    assert response.status_code == 200 and "does not allow" in response.content.decode()
    assert not Picture.objects.exists()


def test_an_article_cannot_place_a_picture_that_does_not_exist(client):
    client.force_login(make_staff("Editor"))
    response = client.post("/admin/education/article/add/", article_form_data(body="{{ picture:nowhere }}\n"))
    assert response.status_code == 200
    assert "Line 1: there is no picture called “nowhere”" in response.content.decode()
    assert not Article.objects.filter(slug="shin-splints").exists()


def test_a_changed_picture_shows_at_once_on_every_page_that_places_it(client, diagram):
    make_article(slug="sciatica", body="## What is it?\n\nA nerve.\n\n{{ picture:sciatic-nerve }}\n")
    english = Article.objects.get(slug="sciatica")
    make_article(slug="sciatica", language="es", translation_of=english, title="Ciática",
                 body="{{ picture:sciatic-nerve }}\n")  # fmt: skip
    assert "1 is the lower back." in client.get("/articles/sciatica/").content.decode()
    diagram.caption, diagram.caption_es = "1 is where the nerve starts.", "1 es donde empieza el nervio."
    diagram.save()
    assert "1 is where the nerve starts." in client.get("/articles/sciatica/").content.decode()
    assert "1 es donde empieza el nervio." in client.get("/es/articles/sciatica/").content.decode()
    assert Article.objects.get(pk=english.pk).edit_version == english.edit_version  # not an edit of the article
    diagram.delete()
    assert "<figure" not in client.get("/articles/sciatica/").content.decode()


def test_an_article_page_with_a_picture_takes_three_queries_in_either_language(
    client, diagram, django_assert_max_num_queries
):
    related = [make_article() for _ in range(5)]
    english = make_article(slug="sciatica", body="{{ picture:sciatic-nerve }}\n", related=related,
                           sources=[("NHS", "https://www.nhs.uk/")])  # fmt: skip
    make_article(slug="sciatica", language="es", translation_of=english, body="{{ picture:sciatic-nerve }}\n")
    make_article(slug=related[0].slug, language="es", translation_of=related[0], title="Traducida")
    for path in ("/articles/sciatica/", "/es/articles/sciatica/"):
        with django_assert_max_num_queries(3):
            page = client.get(path).content.decode()
        assert "<figure" in page and "https://www.nhs.uk/" in page
    assert ">Traducida</a>" in page and page.count('class="card"') == 5
