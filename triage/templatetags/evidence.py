from django import template
from django.utils.translation import gettext

register = template.Library()


@register.filter
def percent(share: float) -> str:
    """0.9 -> "90%"."""
    return f"{share:.0%}"


@register.simple_tag
def ratio(count: int, total: int) -> str:
    """Both the count and the share, so a small set's percentage is never read alone: "38 of 40 (95%)"."""
    if not total:
        return gettext("none")
    share = f"{count / total:.0%}"
    return gettext("%(count)s of %(total)s (%(share)s)") % {"count": count, "total": total, "share": share}
