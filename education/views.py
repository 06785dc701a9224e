from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.csrf import csrf_exempt
from django.views.decorators.http import require_http_methods, require_safe
from django_ratelimit.decorators import ratelimit

from education import feedback as counting
from education import search as searching
from education import translations
from education.caching import cached_page
from education.forms import SearchForm
from education.models import Area, Article, OldSlug
from education.translations import current_language, in_language, localised
from site_config import regions
from site_config.errors import error_response


def _published():
    return Article.objects.published()


@require_safe
@cached_page
def home(request):
    # Everything but the long text: the home page shows each article's card and its row of the comparison table.
    articles = localised(_published().defer(*Article.LONG_FIELDS))
    causes = [a for a in articles if a.cause_key]
    overview = next((a for a in articles if not a.cause_key), None)
    return render(request, "education/home.html", {"areas": Area.group(causes), "overview": overview})


@require_safe
@cached_page
def article_list(request):
    articles = localised(_published().defer(*Article.LONG_FIELDS))
    return render(request, "education/article_list.html", {"articles": articles})


@require_safe
@cached_page
def article_detail(request, slug):
    return _article_page(request, slug, "education/article_detail.html")


@require_safe
@cached_page
def article_embed(request, slug):
    return _article_page(request, slug, "education/article_embed.html")


def _article_page(request, slug, template):
    # Three queries in any language: the article with its translation, their sources, their related pages (each
    # with its translation's title); the pictures are in the stored HTML.
    language = current_language()
    related = translations.titled_in(_published().only("title", "slug", "summary", "language"), language)
    rows = translations.with_translation(slug, language).prefetch_related("sources", Prefetch("related", related))
    article = translations.shown(rows, language)
    if article is None:
        return _moved(request, slug)
    english = article.translation_of if article.translation_of_id else article
    context = {
        "article": article,
        "sources": regions.sources_first(list(english.sources.all()), url=lambda source: source.url),
        "related": translations.retitled(english.related.all(), language),
        "breadcrumbs": _crumbs(),
    }
    return render(request, template, context)


def _moved(request, slug):
    """An old address of a renamed article redirects, for good, to where it lives now."""
    old = OldSlug.objects.filter(slug=slug, article__in=_published()).select_related("article").first()
    if old is None:
        raise Http404("No such article")
    url = request.path.replace(f"/{slug}/", f"/{old.article.slug}/", 1)
    return HttpResponsePermanentRedirect(url)


def _crumbs():
    return [(reverse("education:article_list"), _("Causes"))]


@require_safe
@cached_page  # a page for each query (education/page_cache.py): patients search for the same few words
@ratelimit(group="search", key="site_config.clients.ratelimit_key", rate=lambda g, r: settings.RATELIMIT_RATE)
def search(request):
    form = SearchForm(request.GET or None)
    results, did_you_mean = None, ""
    status = 200
    if form.is_bound:
        if form.is_valid():
            found = searching.search(form.cleaned_data["q"])
            results, did_you_mean = found.articles, found.did_you_mean
        else:
            status = 400
    context = {"form": form, "results": results, "did_you_mean": did_you_mean}
    return render(request, "education/search.html", context, status=status)


@csrf_exempt  # cached pages carry no token; the answer only adds to a count, and is rate-limited
@require_http_methods(["GET", "POST"])
@ratelimit(group="feedback", key="site_config.clients.ratelimit_key", rate=lambda g, r: settings.RATELIMIT_RATE)
def feedback(request, slug):
    """Was this page helpful? Counts the answer (and a reason from a short list) and says thank you."""
    article = _published().filter(slug=slug).only("title", "slug", "language").first()
    if article is None:
        raise Http404("No such article")
    answer = request.POST.get("helpful") or request.GET.get("helpful")
    if request.method == "POST":
        if answer in ("yes", "no"):
            counting.count(article, "helpful" if answer == "yes" else "not_helpful")
        elif request.POST.get("reason") in counting.REASONS:
            counting.count(article, request.POST["reason"])
            answer = "reason"
        else:
            return error_response(request, 400, _("Choose yes or no."))
        response = redirect(f"{request.path}?helpful={answer}")
        response.status_code = 303  # see the thanks page with GET
        return response
    context = {"article": in_language(article), "answer": answer, "reasons": counting.REASONS}
    return render(request, "education/feedback.html", context)
