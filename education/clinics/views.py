from urllib.parse import urlencode

from django.conf import settings
from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils import translation
from django.utils.cache import patch_vary_headers
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.cache import never_cache
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe

from education.caching import cached_page
from education.clinics import infobutton as ib
from education.clinics.context import find_clinic, remember
from education.clinics.embedding import is_framed
from education.clinics.infobutton_feeds import Entry, as_atom, as_json, feed
from education.models import Article, Clinic
from education.translations import localised
from site_config.errors import json_errors
from site_config.links import absolute_url

LISTED_FIELDS = ("title", "slug", "language", "icd10_codes", "snomed_codes")


@require_safe
def go(request, code):
    """A stable link by diagnosis code for clinic systems: /go/I80.2/ (ICD-10-CM) or /go/23056005/ (SNOMED CT)
    opens the article for that code."""
    articles = Article.objects.published().only(*LISTED_FIELDS).for_code(code)
    if not articles:
        return _unknown_code(request, code[:20])
    return redirect(articles[0].get_absolute_url())


def _unknown_code(request, code: str, display_name: str = "", language_paths=None) -> HttpResponse:
    context = {
        "code": code,
        "display_name": display_name,
        "articles": localised(Article.objects.published().only(*LISTED_FIELDS)),
        "language_paths": language_paths,
    }
    return render(request, "education/clinics/unknown_code.html", context, status=404)


# Read-only, so a cross-site POST can change nothing: records may POST a long request, as the guide allows.
@csrf_exempt
@require_http_methods(["GET", "HEAD", "POST"])
@never_cache
def infobutton(request):
    """The HL7 Infobutton knowledge request (education/clinics/infobutton.py): the guide for a problem's code, as a
    page, an Atom feed or a JSON feed."""
    params = request.POST if request.method == "POST" else request.GET
    language = ib.language_of(params.get(ib.LANGUAGE)) or translation.get_language_from_request(request)
    with translation.override(language):
        try:
            response = _answer(request, ib.read(params, language), params)
        except ib.KnowledgeRequestError as bad:
            response = _refusal(request, bad, params)
    response["Content-Language"] = language
    response["X-Robots-Tag"] = "noindex"
    # The address holds diagnosis codes: no link followed from these pages may pass it on.
    response["Referrer-Policy"] = "no-referrer"
    patch_vary_headers(response, ["Accept-Language", "Sec-Fetch-Dest"])
    return response


def _answer(request, asked: ib.KnowledgeRequest, params) -> HttpResponse:
    published = Article.objects.published().defer(*Article.LONG_FIELDS)
    found: dict[int, Article] = {}
    for criterion in asked.criteria:
        found.update((a.pk, a) for a in published.for_code(criterion.code, criterion.system) if a.pk not in found)
    articles = localised(found.values())
    clinic = _clinic_query(request, params)
    if asked.response_type == ib.HTML:
        if len(articles) == 1:
            return _to_guide(request, articles[0], clinic)
        if not articles:
            first = asked.criteria[0]
            return _unknown_code(request, first.code, first.display_name, _language_paths(params))
        context = {"articles": articles, "clinic_query": clinic, "language_paths": _language_paths(params)}
        return render(request, "education/clinics/infobutton_matches.html", context)
    entries = [
        Entry(a.title, absolute_url(a.get_absolute_url() + clinic, request), a.summary, a.language, a.updated_at)
        for a in articles
    ]
    answer = feed(asked, entries, feed_id=absolute_url(_canonical(asked), request), base=absolute_url("/", request))
    status = 200 if articles else 404
    if asked.response_type == ib.JSON:
        return JsonResponse(as_json(answer), status=status)
    return HttpResponse(as_atom(answer), status=status, content_type=f"{_xml_type(asked.asked_type)}; charset=utf-8")


def _to_guide(request, article: Article, clinic: str) -> HttpResponse:
    """The guide's own page; inside a frame (a record that shows answers in one), its embeddable page, which
    registered clinics' sites may frame."""
    url = reverse("education:article_embed", args=[article.slug]) if is_framed(request) else article.get_absolute_url()
    response = redirect(url + clinic)
    if request.method == "POST":
        response.status_code = 303  # see the guide with GET
    return response


def _clinic_query(request, params) -> str:
    """`?clinic=` for links to the guides, when the request names a registered clinic (or the visit has one)."""
    asked = params.get("clinic")
    clinic = find_clinic(asked) if asked else request.clinic
    return f"?{urlencode({'clinic': clinic.slug})}" if clinic else ""


def _language_paths(params) -> dict[str, str]:
    """This answer in each language: the request as sent, without what it says about the patient, in that
    language (the page's language is in its query, not its path)."""
    kept = [(name, value) for name, values in params.lists() for value in values if ib.is_request_parameter(name)]
    paths = {}
    for code, _name in settings.LANGUAGES:
        query = [(name, value) for name, value in kept if name != ib.LANGUAGE] + [(ib.LANGUAGE, code)]
        paths[code] = f"{reverse('infobutton')}?{urlencode(query)}"
    return paths


def _xml_type(asked: str) -> str:
    return asked if asked in ("application/atom+xml", "application/xml") else "text/xml"


def _canonical(asked: ib.KnowledgeRequest) -> str:
    """The request's own address, made only of what the answer depends on: a stable feed ID that carries nothing
    else a record system may have sent about the patient."""
    params = []
    for n, criterion in enumerate(asked.criteria):
        suffix = str(n) if n else ""
        params += [(f"{ib.CODE}{suffix}", criterion.code), (f"{ib.CODE_SYSTEM}{suffix}", criterion.system.oid)]
    params += [(ib.RECIPIENT, asked.audience), (ib.LANGUAGE, asked.language)]
    return f"{reverse('infobutton')}?{urlencode(params)}"


def _refusal(request, bad: ib.KnowledgeRequestError, params) -> HttpResponse:
    if bad.response_type == ib.JSON:
        return json_errors(bad.errors, 400)
    if bad.response_type == ib.ATOM:
        response = HttpResponse(status=400, content_type="text/xml; charset=utf-8")
        xml = SimplerXMLGenerator(response, "utf-8")
        xml.startDocument()
        xml.startElement("errors", {})
        for parameter, messages in bad.errors.items():
            for message in messages:
                xml.addQuickElement("error", message, {"parameter": parameter})
        xml.endElement("errors")
        xml.endDocument()
        return response
    context = {"errors": bad.errors, "search_words": ib.search_words(params), "language_paths": _language_paths(params)}
    return render(request, "education/clinics/infobutton_error.html", context, status=400)


@require_safe
def clinic_link(request, slug):
    """A clinic's own link to the site: the visit carries the clinic's name and contact details."""
    clinic = find_clinic(slug)
    response = redirect("education:home")
    if clinic is not None:
        remember(response, clinic)
    return response


@require_safe
@cached_page
def for_clinics(request):
    articles = Article.objects.published().only(*LISTED_FIELDS).exclude(icd10_codes="", snomed_codes="")
    example = next(iter(articles), None)
    context = {"articles": articles, "example": example, "example_clinic": Clinic.objects.filter(active=True).first()}
    return render(request, "education/clinics/for_clinics.html", context)
