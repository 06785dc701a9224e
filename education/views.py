from django.conf import settings
from django.db.models import Prefetch
from django.http import Http404, HttpResponsePermanentRedirect
from django.shortcuts import render
from django.urls import reverse
from django.utils.translation import gettext as _
from django.views.decorators.http import require_safe
from django_ratelimit.decorators import ratelimit

from education import search as searching
from education.caching import cached_page
from education.forms import SearchForm
from education.models import Area, Article, OldSlug
from education.translations import in_language, localised
from site_config import regions


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
    queryset = _published().prefetch_related(
        "sources", Prefetch("related", queryset=_published().only("title", "slug", "summary", "language"))
    )
    article = queryset.filter(slug=slug).first()
    if article is None:
        return _moved(request, slug)
    context = {
        "article": in_language(article),
        "sources": regions.sources_first(list(article.sources.all()), url=lambda source: source.url),
        "related": localised(article.related.all()),
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
