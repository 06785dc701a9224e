from django import template

register = template.Library()


@register.filter
def percent(share: float) -> str:
    """0.9 -> "90%"."""
    return f"{share:.0%}"


@register.simple_tag
def ratio(count: int, total: int) -> str:
    """Both the count and the share, so a small set's percentage is never read alone: "38 of 40 (95%)"."""
    return f"{count} of {total} ({count / total:.0%})" if total else "none"
