from django.db import DatabaseError, connection
from django.db.models import Prefetch
from django.http import JsonResponse
from django.shortcuts import get_object_or_404, render
from django.urls import reverse
from django.views.decorators.cache import never_cache
from django.views.decorators.http import require_safe

from education.caching import cached_page
from education.forms import SearchForm
from education.models import Article


def _published():
    return Article.objects.published()


@require_safe
@cached_page
def home(request):
    articles = list(_published().only(
        "title", "slug", "summary", "cause_key", "display_order", "compare_starts", "compare_legs",
        "compare_feels", "compare_worse", "compare_urgency",
    ))  # fmt: skip
    causes = [a for a in articles if a.cause_key]
    overview = next((a for a in articles if not a.cause_key), None)
    return render(request, "education/home.html", {"causes": causes, "overview": overview})


@require_safe
@cached_page
def article_list(request):
    articles = _published().only("title", "slug", "summary", "cause_key", "display_order")
    return render(request, "education/article_list.html", {"articles": articles})


@require_safe
@cached_page
def article_detail(request, slug):
    queryset = _published().prefetch_related(
        "sources", Prefetch("related", queryset=_published().only("title", "slug", "summary"))
    )
    article = get_object_or_404(queryset, slug=slug)
    context = {
        "article": article,
        "sources": article.sources.all(),
        "related": article.related.all(),
        "breadcrumbs": _crumbs(),
    }
    return render(request, "education/article_detail.html", context)


def _crumbs():
    return [(reverse("education:article_list"), "Causes")]


@require_safe
def search(request):
    form = SearchForm(request.GET or None)
    results = None
    status = 200
    if form.is_bound:
        if form.is_valid():
            results = list(_published().search(form.cleaned_data["q"]).only("title", "slug", "summary"))
        else:
            status = 400
    return render(request, "education/search.html", {"form": form, "results": results}, status=status)


@require_safe
@never_cache
def healthz(request):
    """For load balancers and uptime checks: 200 when this server can reach its database, else 503."""
    try:
        with connection.cursor() as cursor:
            cursor.execute("SELECT 1")
    except DatabaseError:
        return JsonResponse({"status": "error", "database": "unreachable"}, status=503)
    return JsonResponse({"status": "ok", "database": "ok"})
