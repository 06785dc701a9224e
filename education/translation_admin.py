"""What the article admin shows and does about translations: the link between a translation and its English
article, what changed in the English since, and a box to tick when a translation has caught up."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.contrib import admin
from django.urls import reverse
from django.utils.html import format_html, format_html_join

from education import translations
from education.forms import ArticleForm

FIELDSET = (
    "Translation",
    {"fields": ["language", "translation_of", "translations_display", "english_changes_display", "caught_up"]},
)
READ_ONLY = ["translations_display", "english_changes_display"]


class TranslatableArticleForm(ArticleForm):
    caught_up = forms.BooleanField(
        required=False,
        label="This translation now says what the English says",
        help_text="Tick when you have brought the translation up to date; the changes above are then cleared.",
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "language" in self.fields and self.is_bound and not self.data.get("language"):
            # Left out, an article is in English; set here, not after cleaning, so that the check for one
            # article per address and language still sees it.
            self.data = self.data.copy()
            self.data["language"] = settings.LANGUAGE_CODE

    def clean(self):
        data = super().clean()
        language, source = data.get("language"), data.get("translation_of")
        if language and language != settings.LANGUAGE_CODE and source is None and "translation_of" in self.fields:
            self.add_error("translation_of", "Choose the English article this translates.")
        if source is not None and language == settings.LANGUAGE_CODE:
            self.add_error("language", "A translation is in a language other than English.")
        return data


class StaleFilter(admin.SimpleListFilter):
    title = "translation"
    parameter_name = "translation"

    def lookups(self, request, model_admin):
        return [("stale", "The English changed since"), ("translations", "Translations only")]

    def queryset(self, request, queryset):
        if self.value() == "stale":
            return queryset.filter(pk__in=[article.pk for article in translations.stale_translations()])
        if self.value() == "translations":
            return queryset.exclude(translation_of=None)
        return queryset


class TranslationAdminMixin:
    def get_fieldsets(self, request, obj=None):
        fieldsets = super().get_fieldsets(request, obj)  # type: ignore[misc]
        if obj is not None and obj.translation_of_id:
            return fieldsets
        # Only a translation has anything to catch up with.
        return [(name, {**options, "fields": [f for f in options["fields"] if f != "caught_up"]})
                for name, options in fieldsets]  # fmt: skip

    @admin.display(description="Translations")
    def translations_display(self, obj):
        if obj is None or obj.pk is None or obj.language != settings.LANGUAGE_CODE or obj.draft_of_id:
            return "—"
        existing = {t.language: t for t in obj.translations.filter(draft_of=None)}
        rows = []
        for code, name in settings.LANGUAGES:
            if code == settings.LANGUAGE_CODE:
                continue
            found = existing.get(code)
            if found:
                state = " (the English changed since)" if translations.is_stale(found) else ""
                url = reverse("admin:education_article_change", args=[found.pk])
                rows.append((url, f"{name}: {found.title}, {found.get_status_display()}{state}"))
            else:
                url = reverse("admin:education_article_add") + f"?translation_of={obj.pk}&language={code}"
                rows.append((url, f"Add the {name} translation"))
        return format_html("<ul>{}</ul>", format_html_join("", '<li><a href="{}">{}</a></li>', rows))

    @admin.display(description="The English since this was translated")
    def english_changes_display(self, obj):
        if obj is None or obj.translation_of_id is None:
            return "—"
        changes = translations.english_changes(obj)
        if not changes:
            return "Up to date: the English has not changed since this translation was brought up to date."
        lines = ((_line_class(line), line) for line in changes.splitlines())
        return format_html(
            "<p>The English changed since this was translated. Bring the translation up to date, then tick the box "
            'below.</p><pre class="translation-diff">{}</pre>',
            format_html_join("\n", '<span class="{}">{}</span>', lines),
        )

    def save_model(self, request, obj, form, change):
        if form.cleaned_data.get("caught_up"):
            translations.bring_up_to_date(obj)
        super().save_model(request, obj, form, change)  # type: ignore[misc]


def _line_class(line: str) -> str:
    if line.startswith("+") and not line.startswith("+++"):
        return "diff-added"
    if line.startswith("-") and not line.startswith("---"):
        return "diff-removed"
    return "diff-context"
