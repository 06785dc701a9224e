"""The Markdown renderer: exact HTML for each construct staff use, and hostile input made inert."""

import pytest

from education.rendering import render_markdown


def html(source, **kwargs):
    return render_markdown(source, **kwargs).html


def test_headings_get_anchors_and_feed_the_table_of_contents():
    rendered = render_markdown("## How it feels\n\n### At night\n\n#### Small print\n")
    assert rendered.html == (
        '<h2 id="how-it-feels">How it feels</h2>\n'
        '<h3 id="at-night">At night</h3>\n'
        '<h4 id="small-print">Small print</h4>'
    )
    assert rendered.toc == [
        {"id": "how-it-feels", "name": "How it feels", "level": 2},
        {"id": "at-night", "name": "At night", "level": 3},
    ]


def test_tables():
    assert html("| Cause | Legs |\n|---|---|\n| Sciatica | One |\n") == (
        "<table>\n<thead>\n<tr>\n<th>Cause</th>\n<th>Legs</th>\n</tr>\n</thead>\n"
        "<tbody>\n<tr>\n<td>Sciatica</td>\n<td>One</td>\n</tr>\n</tbody>\n</table>"
    )


def test_footnotes_link_both_ways():
    out = html("Walking helps.[^1]\n\n[^1]: NICE guidance.\n")
    assert '<sup id="fnref:1"><a class="footnote-ref" href="#fn:1">1</a></sup>' in out
    assert '<li id="fn:1">' in out
    assert 'href="#fnref:1"' in out


@pytest.mark.parametrize(
    ("level", "label", "default_heading"),
    [
        ("emergency", "Emergency", "Call 999 now if:"),
        ("urgent", "Urgent: today", "See a doctor today if:"),
        ("soon", "See a doctor soon", "Book an appointment with a doctor if:"),
        ("self_care", "Self care", "You can usually look after yourself at home if:"),
    ],
)
def test_each_care_level_renders_a_care_card_with_its_default_heading(level, label, default_heading, settings):
    settings.EMERGENCY_NUMBER = "999"
    out = html(f"!!! {level}\n    - it hurts\n")
    assert out == (
        f'<div class="care-card care-card--{level}">\n'
        f'<h3 class="care-card__heading"><span class="care-card__label">{label}</span> {default_heading}</h3>'
        '<div class="care-card__content"><ul>\n<li>it hurts</li>\n</ul>\n</div></div>'
    )


def test_care_card_title_and_emergency_number_placeholder(settings):
    settings.EMERGENCY_NUMBER = "112"
    out = html('!!! emergency "Call {{ emergency_number }} if you cannot breathe"\n    - Act fast.\n')
    assert '<span class="care-card__label">Emergency</span> Call 112 if you cannot breathe</h3>' in out


def test_care_card_headings_stay_out_of_the_table_of_contents():
    rendered = render_markdown("## When to get help\n\n!!! urgent\n    - swelling\n")
    assert [entry["name"] for entry in rendered.toc] == ["When to get help"]


def test_other_admonitions_are_left_as_they_are():
    assert 'class="admonition note"' in html("!!! note\n    Just a note.\n")


def test_links_keep_their_address_and_lose_any_target():
    assert html("[NHS](https://www.nhs.uk/)") == '<p><a href="https://www.nhs.uk/">NHS</a></p>'
    assert html('<a href="/articles/sciatica/" target="_blank">Sciatica</a>') == (
        '<p><a href="/articles/sciatica/">Sciatica</a></p>'
    )


XSS_VECTORS = [
    "<script>alert(1)</script>",
    "<img src=x onerror=alert(1)>",
    '<a href="javascript:alert(1)">click</a>',
    "[click](javascript:alert(1))",
    "[click](JaVaScRiPt:alert(1))",
    "[click](&#106;avascript:alert(1))",
    "![x](javascript:alert(1))",
    '<iframe src="https://evil.example/"></iframe>',
    '<div style="background:url(javascript:alert(1))">x</div>',
    '<p style="color:red">styled</p>',
    "<svg onload=alert(1)>",
    "<svg><script>alert(1)</script></svg>",
    '<object data="evil.swf"></object>',
    '<embed src="evil.swf">',
    '<form action="https://evil.example/"><input name=x></form>',
    "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
    '<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==">x</a>',
    '<body onload="alert(1)">',
    "<<script>script>alert(1)<</script>/script>",
    '<meta http-equiv="refresh" content="0;url=https://evil.example/">',
    "<link rel=stylesheet href=https://evil.example/x.css>",
    "<base href=https://evil.example/>",
    '<details open ontoggle="alert(1)">',
    '<a href="vbscript:msgbox(1)">x</a>',
    '<img src="x" alt="x" onmouseover="alert(1)">',
    "<style>body{display:none}</style>",
    '!!! emergency "<script>alert(1)</script>"\n    - x',
    "## Heading <img src=x onerror=alert(1)>",
    "<!--<script>alert(1)</script>-->",
    '<a href=" javascript:alert(1)">x</a>',
]
DANGEROUS = ["<script", "onerror", "onload", "onmouseover", "ontoggle", "javascript:", "vbscript:", "data:text",
             "<iframe", "style=", "<style", "<object", "<embed", "<form", "<input", "<meta", "<link", "<base", "<svg",
             "<math"]  # fmt: skip


@pytest.mark.parametrize("vector", XSS_VECTORS)
def test_hostile_markdown_comes_out_inert(vector):
    out = html(vector).lower()
    for marker in DANGEROUS:
        assert marker not in out, f"{marker!r} survived in {out!r}"


@pytest.mark.django_db
def test_a_new_emergency_number_shows_on_every_article_without_saving_them_again(client, settings):
    from tests.factories import make_article

    make_article(slug="dvt", body="!!! emergency\n    - {{ sign:clot_in_lungs }}\n\nCall {{ emergency_number }} now.\n")
    settings.EMERGENCY_NUMBER = "999"
    html = client.get("/articles/dvt/").content.decode()
    assert "Call 999 now" in html and "Call 999 now if:" in html
    assert "911" not in html and "emergency-number" not in html
    assert "Call 999 now" in client.get("/api/v1/articles/dvt/").json()["html"]


@pytest.mark.django_db
def test_a_signs_words_are_those_of_the_self_check_now_not_when_the_article_was_saved(client, monkeypatch):
    from django.core.cache import caches

    from tests.factories import make_article

    make_article(slug="dvt", body="!!! emergency\n    - {{ sign:clot_in_lungs }}\n")
    assert "you have chest pain or tightness" in client.get("/articles/dvt/").content.decode()
    # As if the clinicians reworded the sign in the rules: the page shows the new words, escaped, at once.
    monkeypatch.setattr("education.rendering.sign_text", lambda key: "new words <for> this sign")
    caches["pages"].clear()  # as when the new rules are deployed and the workers start
    html = client.get("/articles/dvt/").content.decode()
    assert "new words &lt;for&gt; this sign" in html
