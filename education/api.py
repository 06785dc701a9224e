"""The read-only content API for clinic systems: published articles as JSON, cacheable with ETags.

The OpenAPI description in `education/openapi.py` documents every response here; a test holds them to it.
"""

from __future__ import annotations

import functools
import hashlib

from django.core.validators import slug_re
from django.http import JsonResponse
from django.views.decorators.http import condition

from education.codes import BY_OID, SNOMED, SYSTEMS, CodeSystem, system_of
from education.models import Article
from education.openapi import openapi_document
from education.translations import current_language, in_language, localised
from site_config.errors import json_errors
from site_config.languages import speaks_requested_language
from site_config.links import absolute_url


def _error(status, key, message):
    return json_errors({key: [message]}, status)


def _read_only(view):
    """Like Django's require_safe, but the refusal is JSON with an `errors` object, as every other API error is."""

    @functools.wraps(view)
    def guarded(request, *args, **kwargs):
        if request.method not in ("GET", "HEAD"):
            response = _error(405, "__all__", "This API is read-only. Use GET.")
            response["Allow"] = "GET, HEAD"
            return response
        return view(request, *args, **kwargs)

    return guarded


def _published(slug=None):
    """The published articles a response is made from: all of them, or the one with this slug (none for anything
    that is not a slug)."""
    articles = Article.objects.published()
    if slug is None:
        return articles
    return articles.filter(slug=slug) if slug_re.match(slug) else articles.none()


def _etag(request, *args, slug=None, **kwargs) -> str | None:
    """A digest of what the response is made from, so it changes with every edit, publication and withdrawal,
    its translations' included, and no validator is given for an article that is not published (a request for it
    can only get a 404)."""
    state = list(_published(slug).order_by("pk").values_list("pk", "updated_at"))
    if slug is not None and not state:
        return None
    language = current_language()
    translated = Article.objects.filter(language=language, translation_of__in=[pk for pk, _ in state])
    state += list(translated.order_by("pk").values_list("pk", "status", "updated_at"))
    return hashlib.sha256(f"{language}:{request.get_full_path()}:{state}".encode()).hexdigest()[:32]


def _latest_change(request, *args, slug=None, **kwargs):
    """When the article, or for lists any article (drafts and withdrawals included), last changed, so
    Last-Modified never goes back."""
    articles = _published(slug) if slug is not None else Article.objects.all()
    return articles.order_by("-updated_at").values_list("updated_at", flat=True).first()


def summary_json(request, article: Article) -> dict:
    return {
        "slug": article.slug,
        "language": article.language,
        "title": article.title,
        "summary": article.summary,
        "cause_key": article.cause_key or None,
        "cause_keys": [article.cause_key] if article.cause_key else [],
        "icd10_codes": article.codes,
        "snomed_codes": article.codes_in(SNOMED),
        "url": absolute_url(article.get_absolute_url(), request),
        "last_reviewed": article.last_reviewed,
        "next_review_due": article.next_review_due,
        "updated": article.updated_at,
    }


def detail_json(request, article: Article) -> dict:
    return {
        **summary_json(request, article),
        "html": article.html,
        "headings": [{"id": h["id"], "text": h["name"], "level": h["level"]} for h in article.toc],
        "sources": [{"title": s.title, "url": s.url} for s in (article.translation_of or article).sources.all()],
    }


@_read_only
@speaks_requested_language
@condition(etag_func=_etag, last_modified_func=_latest_change)
def articles(request):
    system, error = _asked_system(request)
    if error:
        return error
    items = Article.objects.published()
    if system is not None:
        items = items.exclude(**{system.field: ""})
    return JsonResponse({"articles": [summary_json(request, a) for a in localised(items)]})


@_read_only
@speaks_requested_language
@condition(etag_func=_etag, last_modified_func=_latest_change)
def article(request, slug):
    # Anything but a slug cannot match, and some characters (NUL) would make PostgreSQL refuse the query.
    found = _published(slug).prefetch_related("sources").first()
    if found is None:
        return _error(404, "slug", f"No published article has the slug {slug[:120]!r}.")
    return JsonResponse(detail_json(request, in_language(found)))


@_read_only
@speaks_requested_language
@condition(etag_func=_etag, last_modified_func=_latest_change)
def lookup(request):
    system, error = _asked_system(request)
    if error:
        return error
    code = request.GET.get("code", "").strip()
    if not code:
        return _error(400, "code", "Give a code, for example ?code=I80.2 (ICD-10-CM) or ?code=23056005 (SNOMED CT).")
    system = system or system_of(code)
    candidates = system.candidates(code)
    if not candidates:
        return _error(400, "code", f"{code[:20]!r} is not a {system.name} code. Codes look like {system.example}.")
    found = Article.objects.published().for_code(code, system)
    if not found:
        widened = " or its parent codes" if system.has_parents else ""
        return _error(404, "code", f"No published article covers {system.name} {code[:20]!r}{widened}.")
    return JsonResponse(
        {
            "code": candidates[0],
            "system": system.key,
            "articles": [summary_json(request, a) for a in localised(found)],
        }
    )


def _asked_system(request) -> tuple[CodeSystem | None, JsonResponse | None]:
    """The code system named by ?system= (its short name or its OID), None when not named, or a 400."""
    asked = request.GET.get("system", "").strip()
    if not asked:
        return None, None
    system = SYSTEMS.get(asked.lower()) or BY_OID.get(asked)
    if system is None:
        names = ", ".join(SYSTEMS)
        return None, _error(400, "system", f"{asked[:40]!r} is not a code system we know. Use one of: {names}.")
    return system, None


@_read_only
def openapi(request):
    return JsonResponse(openapi_document(absolute_url("/", request)))
