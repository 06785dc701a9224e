from django import template

from triage.rules import RULES
from triage.ruletable import WarningSign

register = template.Library()


@register.simple_tag
def warning_signs(*keys: str) -> list[WarningSign]:
    """Signs from the self-check's one list, by key, for pages that show them outside an article."""
    return [RULES.warning_signs[key] for key in keys]
