from django.contrib import admin
from django.db import models
from django.utils.safestring import mark_safe

from education.models import Article, Source

MARKDOWN_HELP = mark_safe(  # noqa: S308 - a constant
    "Markdown. Start sections with <code>## Heading</code>; make lists with <code>- item</code>; link with "
    "<code>[words](/articles/sciatica/)</code>.<br>Care cards, most urgent first: <code>!!! emergency</code>, "
    "<code>!!! urgent</code>, <code>!!! soon</code> or <code>!!! self_care</code>, an optional title in quotes, "
    "then the card's lines indented by four spaces. <code>{{ emergency_number }}</code> becomes the "
    "emergency number."
)


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    fields = ["title", "url", "order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}


@admin.register(Article)
class ArticleAdmin(admin.ModelAdmin):
    list_display = [
        "title",
        "status",
        "cause_key",
        "last_reviewed",
        "next_review_due",
        "reading_grade",
        "updated_at",
    ]
    list_filter = ["status", "cause_key"]
    search_fields = ["title", "summary", "synonyms", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["related"]
    readonly_fields = ["reading_grade", "word_count", "published_at", "updated_at"]
    inlines = [SourceInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "status"]}),
        ("Finding it", {"fields": ["cause_key", "icd10_codes", "synonyms", "related", "display_order"]}),
        ("Review", {"fields": ["last_reviewed", "reviewer_name", "reviewer_credentials", "next_review_due"]}),
        (
            "Home page comparison table",
            {
                "fields": [
                    "compare_starts",
                    "compare_legs",
                    "compare_feels",
                    "compare_worse",
                    "compare_urgency",
                ],
                "description": "One short phrase each. Shown for articles with a cause.",
            },
        ),
        ("Reading level", {"fields": ["reading_grade", "word_count", "published_at", "updated_at"]}),
    ]

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        form.base_fields["body"].help_text = MARKDOWN_HELP
        return form
