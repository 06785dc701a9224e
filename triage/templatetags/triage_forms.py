from django import template

register = template.Library()


@register.filter
def get_hint(hints, value):
    """The hint for one option of a choice field, from the field's option_hints."""
    return (hints or {}).get(value, "")
