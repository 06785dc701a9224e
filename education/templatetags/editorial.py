from django import template
from django.utils import timezone

from education.models import Article
from education.work import work_for

register = template.Library()


@register.simple_tag
def review_due(days=30):
    """Articles whose clinical review is overdue or due soon, for the staff home page."""
    today = timezone.localdate()
    articles = Article.objects.only("title", "next_review_due").order_by("next_review_due")
    return {"overdue": list(articles.review_overdue(today)), "soon": list(articles.review_due_soon(today, days))}


@register.simple_tag(takes_context=True)
def my_work(context):
    """What is waiting for the person signed in (education/work.py)."""
    return work_for(context["request"].user)
