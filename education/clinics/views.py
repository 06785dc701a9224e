from django.shortcuts import redirect, render
from django.views.decorators.http import require_safe

from education.caching import cached_page
from education.clinics.context import find_clinic, remember
from education.models import Article, Clinic


@require_safe
def go(request, code):
    """A stable link by diagnosis code for clinic systems: /go/I80.2/ opens the article for that code."""
    articles = Article.objects.published().only("slug", "language", "icd10_codes").for_code(code)
    if not articles:
        context = {
            "code": code[:20],
            "articles": Article.objects.published().only("title", "slug", "language", "icd10_codes"),
        }
        return render(request, "education/clinics/unknown_code.html", context, status=404)
    return redirect(articles[0].get_absolute_url())


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
    articles = Article.objects.published().only("title", "slug", "language", "icd10_codes").exclude(icd10_codes="")
    example = next(iter(articles), None)
    context = {"articles": articles, "example": example, "example_clinic": Clinic.objects.filter(active=True).first()}
    return render(request, "education/clinics/for_clinics.html", context)
