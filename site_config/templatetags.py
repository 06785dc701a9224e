"""The site's own template tags, `{% load site %}` (registered in TEMPLATES, as the project package is no app)."""

import json

from django import template
from django.conf import settings
from django.core.serializers.json import DjangoJSONEncoder
from django.urls import translate_url
from django.utils import translation
from django.utils.html import format_html
from django.utils.safestring import mark_safe

from site_config import links

register = template.Library()

# Characters that could close the script element or open a comment inside it.
JSON_ESCAPES = {ord("<"): "\\u003C", ord(">"): "\\u003E", ord("&"): "\\u0026"}


@register.simple_tag(takes_context=True)
def absolute_url(context, path=None):
    """An absolute URL on this site: SITE_URL when set, else the address the request came to."""
    request = context["request"]
    return links.absolute_url(request.path if path is None else path, request)


@register.filter
def jsonld(data):
    text = json.dumps(data, cls=DjangoJSONEncoder).translate(JSON_ESCAPES)
    return mark_safe(f'<script type="application/ld+json">{text}</script>')  # noqa: S308 - escaped above


@register.simple_tag(takes_context=True)
def language_versions(context):
    """The page in each language the site speaks: code, name, absolute address and whether it is this one."""
    request = context["request"]
    current = translation.get_language()
    # A page whose language is in its query, not its path, gives its own address in each language.
    given = context.get("language_paths") or {}
    versions = []
    for code, name in settings.LANGUAGES:
        path = given.get(code) or translate_url(request.path, code)
        versions.append({"code": code, "name": name, "url": links.absolute_url(path, request), "path": path,
                         "current": code == current})  # fmt: skip
    return versions


@register.filter
def lang_attr(item):
    """` lang="en"` on an element whose words are in another language than the page (WCAG 3.1.2)."""
    language = getattr(item, "language", None)
    if not language or language == translation.get_language():
        return ""
    return format_html(' lang="{}"', language)
