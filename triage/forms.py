from django import forms
from django.utils.translation import gettext_lazy as _

from triage.flow import QuestionText, Step
from triage.vocabulary import NONE, ONE

NONE_MIXED = _("Choose ‘None of these’ on its own, or untick it")


class StepForm(forms.Form):
    """The questions on one page of the self-check, built from the page's wording."""

    def __init__(self, step: Step, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.step = step
        # A page with one question uses its legend as the page heading (GOV.UK's question pages).
        self.legend_is_heading = len(step.questions) == 1
        for text in step.questions:
            self.fields[text.key] = _field(text)

    def clean(self):
        cleaned = super().clean()
        for key, value in list(cleaned.items()):
            if isinstance(value, list) and NONE in value and len(value) > 1:
                self.add_error(key, NONE_MIXED)
        return cleaned


def _field(text: QuestionText) -> forms.Field:
    options = {
        "label": text.legend,
        "help_text": text.hint,
        "choices": [(option.value, option.label) for option in text.options],
        "error_messages": {"required": text.error, "invalid_choice": text.error},
    }
    if text.question.kind == ONE:
        field = forms.ChoiceField(widget=forms.RadioSelect, **options)
    else:
        field = forms.MultipleChoiceField(widget=forms.CheckboxSelectMultiple, **options)
    field.option_hints = {option.value: option.hint for option in text.options if option.hint}
    field.option_groups = {option.value: option.group for option in text.options if option.group}
    return field
