from urllib.parse import urlencode

from django.http import HttpResponse, JsonResponse
from django.shortcuts import redirect, render
from django.utils import translation
from django.utils.xmlutils import SimplerXMLGenerator
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from education.caching import cached_page
from education.clinics import infobutton as ib
from education.clinics.context import find_clinic, remember
from education.clinics.infobutton_feeds import Entry, as_atom, as_json, feed
from education.codes import SNOMED
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


def _unknown_code(request, code: str, display_name: str = "") -> HttpResponse:
    context = {"code": code, "display_name": display_name, "articles": Article.objects.published().only(*LISTED_FIELDS)}
    return render(request, "education/clinics/unknown_code.html", context, status=404)


@require_safe
@never_cache
def infobutton(request):
    """The HL7 Infobutton knowledge request (education/clinics/infobutton.py): the guide for a problem's code, as a
    page, an Atom feed or a JSON feed."""
    language = ib.language_of(request.GET.get(ib.LANGUAGE)) or translation.get_language_from_request(request)
    with translation.override(language):
        try:
            response = _answer(request, ib.read(request.GET, language))
        except ib.KnowledgeRequestError as bad:
            response = _refusal(request, bad)
    response["Content-Language"] = language
    response["X-Robots-Tag"] = "noindex"
    return response


def _answer(request, asked: ib.KnowledgeRequest) -> HttpResponse:
    published = Article.objects.published().defer(*Article.LONG_FIELDS)
    found: dict[int, Article] = {}
    for criterion in asked.criteria:
        found.update((a.pk, a) for a in published.for_code(criterion.code, criterion.system) if a.pk not in found)
    articles = localised(found.values())
    clinic = f"?{urlencode({'clinic': request.clinic.slug})}" if request.clinic else ""
    if asked.response_type == ib.HTML:
        if len(articles) == 1:
            return redirect(articles[0].get_absolute_url() + clinic)
        if not articles:
            first = asked.criteria[0]
            return _unknown_code(request, first.code, first.display_name)
        context = {"articles": articles, "clinic_query": clinic, "criteria": asked.criteria}
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


def _xml_type(asked: str) -> str:
    return "application/atom+xml" if asked == "application/atom+xml" else "text/xml"


def _canonical(asked: ib.KnowledgeRequest) -> str:
    """The request's own address, made only of what the answer depends on: a stable feed ID that carries nothing
    else a record system may have sent about the patient."""
    params = []
    for n, criterion in enumerate(asked.criteria):
        suffix = str(n) if n else ""
        params += [(f"{ib.CODE}{suffix}", criterion.code), (f"{ib.CODE_SYSTEM}{suffix}", criterion.system.oid)]
    params += [(ib.RECIPIENT, asked.audience), (ib.LANGUAGE, asked.language)]
    return f"/infobutton/?{urlencode(params)}"


def _refusal(request, bad: ib.KnowledgeRequestError) -> HttpResponse:
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
    context = {"errors": bad.errors, "snomed": SNOMED}
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
