"""Care cards' labels and headings, and an article's structured data: `{% load care %}`."""

from django import template
from django.conf import settings

from education.rendering import CARE_LABELS, CARE_LEVELS

register = template.Library()


@register.filter
def care_label(level):
    return str(CARE_LABELS.get(level, ""))


@register.filter
def care_title(level):
    """The default heading of a care card: "Call 911 now if:", "See a doctor today if:" and so on."""
    return str(CARE_LEVELS[level]).format(emergency_number=settings.EMERGENCY_NUMBER)


@register.filter
def structured_data(article, url):
    return article.structured_data(url)
