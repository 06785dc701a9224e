"""Turn staff-written Markdown into safe HTML.

This is the one place that knows the Markdown extensions and the sanitiser's allow-list. Articles call
`render_markdown()` when they are saved, so a page view never pays for rendering.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass
from xml.etree.ElementTree import Element, SubElement

import markdown
import nh3
from django.utils.translation import gettext_lazy as _
from markdown.extensions import Extension
from markdown.treeprocessors import Treeprocessor

from education.care_cards import fill_signs, sign_slots, sign_text
from site_config import regions

# The four advice levels shared with the self-check, most urgent first. Staff write them as admonitions:
#   !!! emergency "Call {{ emergency_number }} now if you have:"
#       - chest pain
CARE_LEVELS = {
    "emergency": _("Call {emergency_number} now if:"),
    "urgent": _("See a doctor today if:"),
    "soon": _("Book an appointment with a doctor if:"),
    "self_care": _("You can usually look after yourself at home if:"),
}
CARE_LABELS = {
    "emergency": _("Emergency"),
    "urgent": _("Urgent: today"),
    "soon": _("See a doctor soon"),
    "self_care": _("Self care"),
}

# Stored in an article's rendered HTML where the region's words (site_config/regions.py), the emergency number
# among them, and each warning sign's words go, and filled in when the page is shown: changing SITE_REGION,
# EMERGENCY_NUMBER or a sign's words in the self-check's rules changes every page at once, without saving each
# article again.
NUMBER_SLOT = "[[word:emergency_number]]"
SLOT = re.compile(r"\[\[(word|sign):([A-Za-z0-9_]+)\]\]")
PICTURE_TOKEN = re.compile(r"\{\{\s*picture:\s*([a-z0-9-]+)\s*\}\}")
# A picture's slot is a paragraph of its own: the figure replaces the paragraph.
PICTURE_SLOT = re.compile(r"<p>\[\[picture:([a-z0-9-]+)\]\]</p>")
WORD_TOKEN = re.compile(r"\{\{\s*([A-Za-z_]+)\s*\}\}")


def fill_slots(page: str) -> str:
    def words(match: re.Match[str]) -> str:
        kind, name = match.groups()
        return html.escape(regions.word(name) if kind == "word" else sign_text(name), quote=False)

    return SLOT.sub(words, page)


def fill_pictures(page: str, language: str) -> str:
    """Each picture's slot becomes its figure, in the article's language. Done when the article is saved, so a page
    costs no query for its pictures; a picture that changes renders the articles showing it again
    (`education.pictures.show_again`)."""
    keys = PICTURE_SLOT.findall(page)
    if not keys:
        return page
    from education.pictures import Picture

    found = {picture.key: picture for picture in Picture.objects.filter(key__in=keys)}
    return PICTURE_SLOT.sub(lambda m: found[m[1]].figure(language) if m[1] in found else "", page)


def word_slots(source: str) -> str:
    return regions.fill(source, WORD_TOKEN, extra=lambda name: f"[[word:{name}]]" if regions.is_word(name) else None)


ALLOWED_TAGS = {
    "a", "abbr", "b", "blockquote", "br", "caption", "code", "dd", "del", "div", "dl", "dt", "em",
    "h2", "h3", "h4", "h5", "h6", "hr", "i", "img", "li", "nav", "ol", "p", "pre", "span", "strong",
    "sub", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul",
}  # fmt: skip
ALLOWED_ATTRIBUTES = {
    "*": {"class", "id"},
    "a": {"href", "title"},
    "abbr": {"title"},
    "img": {"src", "alt", "width", "height"},
    "td": {"colspan", "rowspan"},
    "th": {"colspan", "rowspan", "scope"},
}
ALLOWED_URL_SCHEMES = {"http", "https", "mailto", "tel"}


@dataclass(frozen=True)
class Rendered:
    html: str
    toc: list[dict]  # [{"id": ..., "name": ..., "level": ...}], the h2 and h3 headings in order


class CareCardProcessor(Treeprocessor):
    """Rewrite care-level admonitions into care cards with a real heading and a level label."""

    def __init__(self, md, emergency_number: str):
        super().__init__(md)
        self.emergency_number = emergency_number

    def run(self, root: Element) -> None:
        for div in root.iter("div"):
            classes = div.get("class", "").split()
            if "admonition" not in classes:
                continue
            level = next((c for c in classes if c in CARE_LEVELS), None)
            if level is None:
                continue
            div.set("class", f"care-card care-card--{level}")
            title = div.find("p[@class='admonition-title']")
            heading = Element("h3", {"class": "care-card__heading"})
            label = SubElement(heading, "span", {"class": "care-card__label"})
            label.text = str(CARE_LABELS[level])
            label.tail = " "
            default = str(CARE_LEVELS[level]).format(emergency_number=self.emergency_number)
            # Python-Markdown names an untitled admonition after its class ("Urgent"): that means "no title".
            if title is not None:
                div.remove(title)
                written = (title.text or "").strip()
                label.tail += default if written in ("", level.capitalize()) else written
            else:
                label.tail += default
            body = Element("div", {"class": "care-card__content"})
            for child in list(div):
                div.remove(child)
                body.append(child)
            div.append(heading)
            div.append(body)


class CareCardExtension(Extension):
    def __init__(self, emergency_number: str = "911", **kwargs):
        self.emergency_number = emergency_number
        super().__init__(**kwargs)

    def extendMarkdown(self, md):  # noqa: N802 - Python-Markdown's API name
        # Below the toc processor's priority, so card headings stay out of the table of contents.
        md.treeprocessors.register(CareCardProcessor(md, self.emergency_number), "care_cards", 5)


def _extensions(emergency_number: str) -> list:
    return [
        "admonition",
        "tables",
        "footnotes",
        "sane_lists",
        "toc",
        CareCardExtension(emergency_number=emergency_number),
    ]


def _flatten_toc(tokens: list[dict]) -> list[dict]:
    flat = []
    for token in tokens:
        if token["level"] in (2, 3):
            # The toc extension hands names over as HTML; templates escape them, so they are kept as plain text.
            flat.append({"id": token["id"], "name": html.unescape(token["name"]), "level": token["level"]})
        flat.extend(_flatten_toc(token.get("children", [])))
    return flat


def sanitise(html: str) -> str:
    return nh3.clean(
        html,
        tags=ALLOWED_TAGS,
        attributes=ALLOWED_ATTRIBUTES,
        url_schemes=ALLOWED_URL_SCHEMES,
        link_rel=None,  # no target attribute survives, so there is no window opener to guard
        strip_comments=True,
    )


def render_markdown(source: str, *, slots: bool = False) -> Rendered:
    """Render article Markdown to sanitised HTML and a table of contents; with `slots`, the region's words and
    the warning signs are left as slots for `fill_slots`."""
    emergency_number = NUMBER_SLOT if slots else regions.word("emergency_number")
    md = markdown.Markdown(
        extensions=_extensions(emergency_number),
        extension_configs={"toc": {"permalink": False, "toc_depth": "2-3"}},
        output_format="html",
    )
    text = word_slots(sign_slots(source)) if slots else regions.fill(fill_signs(source), WORD_TOKEN)
    text = PICTURE_TOKEN.sub(r"[[picture:\1]]", text)
    html = md.convert(text)
    return Rendered(html=sanitise(html), toc=_flatten_toc(md.toc_tokens))


def article_fields(body: str, language: str = "en") -> dict:
    """What an article keeps from its Markdown when it is saved: the HTML with its slots, the contents, and the
    reading measures of the page as patients see it. Care cards get their headings in the article's language."""
    from django.utils import translation

    from education.readability import reading_grade, word_count

    with translation.override(language):
        rendered = render_markdown(body, slots=True)
        # Measured without its pictures, whose words have limits of their own.
        shown = fill_slots(PICTURE_SLOT.sub("", rendered.html))
    return {
        "body_html": fill_pictures(rendered.html, language),
        "toc": rendered.toc,
        # A US school grade is a measure of English only.
        "reading_grade": reading_grade(shown) if language == "en" else None,
        "word_count": word_count(shown),
    }
