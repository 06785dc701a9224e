from django import template

register = template.Library()


@register.simple_tag
def choice_options(bound_field):
    """Each option of a radio or checkbox field, ready to render: cheaper than iterating Django's subwidgets,
    which render a context per option."""
    value = bound_field.value()
    chosen = {str(v) for v in value} if isinstance(value, (list, tuple)) else {str(value)}
    hints = getattr(bound_field.field, "option_hints", {})
    groups = getattr(bound_field.field, "option_groups", {})
    kind = "radio" if bound_field.widget_type == "radioselect" else "checkbox"
    return [
        {
            "id": f"{bound_field.auto_id}_{index}",
            "type": kind,
            "value": option,
            "label": label,
            "hint": hints.get(option, ""),
            "group": groups.get(option, ""),
            "checked": option in chosen,
            # "None of these" stands apart from the options it excludes, after an "or".
            "divider": option == "none" and index > 0,
        }
        for index, (option, label) in enumerate(bound_field.field.choices)
    ]
