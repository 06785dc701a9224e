import datetime

from django.conf import settings
from django.contrib import admin, messages
from django.contrib.auth.admin import UserAdmin
from django.contrib.auth.models import User
from django.core.exceptions import PermissionDenied
from django.db import models
from django.db.models import Q, Sum
from django.shortcuts import get_object_or_404, redirect, render
from django.template.loader import render_to_string
from django.template.response import TemplateResponse
from django.urls import path, reverse
from django.utils import timezone
from django.utils.formats import date_format
from django.utils.html import format_html, format_html_join
from django.utils.safestring import mark_safe
from reversion.admin import VersionAdmin
from reversion.models import Version

from education import (
    care_cards,
    diffs,
    feedback,
    picture_admin,  # noqa: F401
    translation_admin,
    workflow,
)

# Clinics keep their admin beside their other code; importing it here registers it.
from education.clinics import admin as clinic_admin  # noqa: F401
from education.diffs import content_changes
from education.editing_checks import hard_sentences
from education.feedback import FeedbackCount
from education.forms import EDITABLE_FIELDS
from education.models import Article, ArticleEvent, Source, StaffProfile
from education.readability import inflesz
from education.safe_editing import SafeEditingMixin
from education.translation_admin import StaleFilter, TranslatableArticleForm, TranslationAdminMixin
from education.workflow_admin import WorkflowAdminMixin

READING_GRADE_TARGET = 8
LINKED = ("title", "slug", "language")
INFLESZ_TARGET = 55
REVIEW_SOON_DAYS = 30


class ReviewDueFilter(admin.SimpleListFilter):
    title = "review"
    parameter_name = "review"

    def lookups(self, request, model_admin):
        return [("overdue", "Review overdue"), ("soon", f"Due within {REVIEW_SOON_DAYS} days"), ("none", "No date")]

    def queryset(self, request, queryset):
        today = timezone.localdate()
        if self.value() == "overdue":
            return queryset.review_overdue(today)
        if self.value() == "soon":
            return queryset.review_due_soon(today, REVIEW_SOON_DAYS)
        if self.value() == "none":
            return queryset.filter(next_review_due=None)
        return queryset


class SourceInline(admin.TabularInline):
    model = Source
    extra = 1
    fields = ["title", "url", "order"]
    formfield_overrides = {models.URLField: {"assume_scheme": "https"}}

    def has_add_permission(self, request, obj=None):
        return super().has_add_permission(request, obj) and not workflow.is_locked(obj)

    def has_change_permission(self, request, obj=None):
        return super().has_change_permission(request, obj) and not workflow.is_locked(obj)

    def has_delete_permission(self, request, obj=None):
        return super().has_delete_permission(request, obj) and not workflow.is_locked(obj)


class ArticleEventInline(admin.TabularInline):
    model = ArticleEvent
    extra = 0
    fields = ["created_at", "action", "from_status", "to_status", "user", "reason"]
    readonly_fields = fields
    can_delete = False
    verbose_name = "workflow step"
    verbose_name_plural = "Workflow history"

    def has_add_permission(self, request, obj=None):
        return False

    def has_change_permission(self, request, obj=None):
        return False


@admin.register(Article)
class ArticleAdmin(SafeEditingMixin, TranslationAdminMixin, WorkflowAdminMixin, VersionAdmin):
    form = TranslatableArticleForm
    change_form_template = "admin/education/article/change_form.html"
    revision_form_template = "admin/education/article/revision_form.html"
    list_display = [
        "title", "language", "status", "cause_key", "last_reviewed", "next_review_due", "reading_grade",
        "feedback_display", "updated_at",
    ]  # fmt: skip
    list_filter = ["status", "language", StaleFilter, ReviewDueFilter, "cause_key"]
    search_fields = ["title", "summary", "synonyms", "body"]
    prepopulated_fields = {"slug": ["title"]}
    filter_horizontal = ["related"]
    inlines = [SourceInline, ArticleEventInline]
    fieldsets = [
        (None, {"fields": ["title", "slug", "summary", "body", "status_display", "opened_version", "revision_of"]}),
        (
            "Finding it",
            {"fields": ["cause_key", "area", "icd10_codes", "snomed_codes", "synonyms", "related", "display_order"]},
        ),
        ("Review", {"fields": ["last_reviewed", "reviewer_name", "reviewer_credentials", "next_review_due"]}),
        (
            "Home page comparison table",
            {
                "fields": ["compare_starts", "compare_legs", "compare_feels", "compare_worse", "compare_urgency"],
                "description": "One short phrase each. Shown for articles with a cause.",
            },
        ),
        translation_admin.FIELDSET,
        ("Reading level", {"fields": ["reading_grade_display", "word_count", "published_at", "updated_at"]}),
        ("Reader feedback", {"fields": ["feedback_months"]}),
        ("Comments", {"fields": ["comment"], "description": "Earlier comments are in the workflow history below."}),
    ]

    @admin.display(description="Was this page helpful?")
    def feedback_months(self, obj):
        rows = list(obj.feedback.all()[:12]) if obj and obj.pk else []
        if not rows:
            return "No answers yet."
        reasons = ("hard", "missing", "wrong", "other")
        lines = [
            (f"{row.month:%B %Y}", row.helpful, row.not_helpful, ", ".join(
                f"{FeedbackCount._meta.get_field(r).verbose_name} {getattr(row, r)}" for r in reasons if getattr(row, r)
            ) or "–")
            for row in rows
        ]  # fmt: skip
        return format_html(
            "<table><thead><tr><th>Month</th><th>Yes</th><th>No</th><th>Why not</th></tr></thead>"
            "<tbody>{}</tbody></table>",
            format_html_join("", "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>", lines),
        )

    def view_on_site(self, obj):
        """Only a page patients can open: a draft, a revision or an unpublished article would be a 404."""
        public = obj.status == Article.Status.PUBLISHED and not obj.draft_of_id
        return obj.get_absolute_url() if public else None

    @admin.display(description="Status")
    def status_display(self, obj):
        return obj.get_status_display() if obj else "Draft"

    @admin.display(description="Reading level")
    def reading_grade_display(self, obj):
        if obj is not None and obj.pk and obj.language == "es":
            score = inflesz(obj.html)
            verdict = "plain Spanish" if score >= INFLESZ_TARGET else "hard to read: use shorter sentences and words"
            return f"INFLESZ {score} ({verdict}; the target is {INFLESZ_TARGET} or more)"
        if obj is None or obj.reading_grade is None:
            return "Shown after saving"
        verdict = "on target" if obj.reading_grade <= READING_GRADE_TARGET else "above the target: use shorter words"
        return f"{obj.reading_grade} ({verdict}; the target is {READING_GRADE_TARGET} or below)"

    def get_readonly_fields(self, request, obj=None):
        always = ["status_display", "reading_grade_display", "word_count", "published_at", "updated_at"]
        always += ["feedback_months"]
        always += translation_admin.READ_ONLY + (["language", "translation_of"] if obj is not None else [])
        always += list(Article.REVIEW_FIELDS)  # set only by the review action, from the reviewer's staff profile
        return always + EDITABLE_FIELDS if workflow.is_locked(obj) else always

    def get_prepopulated_fields(self, request, obj=None):
        return {} if workflow.is_locked(obj) else self.prepopulated_fields

    def get_queryset(self, request):
        since = feedback.this_month() - datetime.timedelta(days=62)
        recent = Q(feedback__month__gte=since)
        return (
            super()
            .get_queryset(request)
            .select_related("draft_of")
            .annotate(yeses=Sum("feedback__helpful", filter=recent), noes=Sum("feedback__not_helpful", filter=recent))
        )

    @admin.display(description="Helpful? (3 months)")
    def feedback_display(self, obj):
        yeses, noes = getattr(obj, "yeses", 0) or 0, getattr(obj, "noes", 0) or 0
        return f"{yeses} yes, {noes} no" if yeses or noes else "–"

    def get_form(self, request, obj=None, **kwargs):
        form = super().get_form(request, obj, **kwargs)
        if "body" in form.base_fields:
            # The cheat sheet sits right under the box it explains; the editor's script adds the toolbar above it.
            cheat_sheet = render_to_string(
                "admin/education/article/_cheat_sheet.html", {"warning_signs": care_cards.sign_keys()}
            )
            form.base_fields["body"].help_text = mark_safe(cheat_sheet)  # noqa: S308 - our own template
            form.base_fields["body"].widget.attrs.update({"rows": 30, "class": "article-body"})
        return form

    def save_model(self, request, obj, form, change):
        super().save_model(request, obj, form, change)
        if form.text_changed() or not change:
            workflow.record_edit(obj, user=request.user)
        if comment := form.cleaned_data.get("comment", "").strip():
            workflow.comment(obj, user=request.user, text=comment)
        if obj.reading_grade is not None and obj.reading_grade > READING_GRADE_TARGET:
            messages.warning(
                request,
                f"“{obj.title}” reads at grade {obj.reading_grade}. Aim for {READING_GRADE_TARGET} or below: "
                "shorter sentences and everyday words. "
                + ("The hardest sentences: " + "; ".join(hard) + "." if (hard := hard_sentences(obj.html)) else ""),
            )

    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        extra_context = {
            "warning_signs": care_cards.sign_keys(),
            "save_limit": settings.DATA_UPLOAD_MAX_MEMORY_SIZE,
            "link_targets": [
                (a.title, a.get_absolute_url()) for a in Article.objects.published().only("title", "slug", "language")
            ],
            **(extra_context or {}),
        }
        return super().changeform_view(request, object_id, form_url, extra_context)

    # Restoring an old version writes it into a draft (education/safe_editing.py), so editors may; recovering a
    # deleted article brings back what patients may have read, so it needs the publishing permission.
    def revision_view(self, request, object_id, version_id, extra_context=None):
        self._require(request, workflow.EDIT)
        if request.method == "POST":
            return self.restore_as_draft(request, object_id, version_id)
        return super().revision_view(request, object_id, version_id, extra_context)

    def recover_view(self, request, version_id, extra_context=None):
        self._require(request, workflow.PUBLISH)
        return super().recover_view(request, version_id, extra_context)

    def _require(self, request, permission):
        if not request.user.has_perm(permission):
            raise PermissionDenied

    def get_urls(self):
        view = self.admin_site.admin_view
        return [
            path("<int:pk>/action/<str:name>/", view(self.transition_view), name="education_article_transition"),
            path("<int:pk>/mark-reviewed/", view(self.review_view), name="education_article_review"),
            path("<int:pk>/new-draft/", view(self.new_draft_view), name="education_article_new_draft"),
            path("<int:pk>/preview/", view(self.preview_view), name="education_article_preview"),
            path("preview/", view(self.preview_unsaved_view), name="education_article_preview_unsaved"),
            path("<int:pk>/compare/", view(self.compare_view), name="education_article_compare"),
        ] + super().get_urls()

    def change_view(self, request, object_id, form_url="", extra_context=None):
        article = self.get_object(request, object_id)
        extra = {}
        if article is not None:
            extra = {
                "transitions": workflow.available(article, request.user),
                "can_review": request.user.has_perm(workflow.REVIEW),
                "can_start_revision": article.status == Article.Status.PUBLISHED
                and request.user.has_perm(workflow.EDIT),
                "pending_revision": article.revisions.first(),
                "changes_from_live": content_changes(article.draft_of, article) if article.draft_of_id else None,
            }
        return super().change_view(request, object_id, form_url, {**extra, **(extra_context or {})})

    def _article(self, request, pk):
        article = get_object_or_404(Article, pk=pk)
        if not self.has_view_permission(request, article):
            raise PermissionDenied
        return article

    def _change_url(self, article):
        return reverse("admin:education_article_change", args=[article.pk])

    def preview_view(self, request, pk):
        article = self._article(request, pk)
        return _preview(request, article, list(article.sources.all()), list(article.related.all()))

    def preview_unsaved_view(self, request):
        """Render the form's content as patients would see it, without saving anything."""
        if request.method != "POST":
            return redirect("admin:education_article_changelist")
        article = Article(language=request.POST.get("language") or settings.LANGUAGE_CODE)
        for name in ["title", "slug", "summary", "body"]:
            setattr(article, name, request.POST.get(name, ""))
        article.render()
        response = _preview(request, article, [], [])
        # The editor's live preview shows it in a frame beside the text, on this site only.
        request.csp_frame_ancestors = ["'self'"]
        response["X-Frame-Options"] = "SAMEORIGIN"
        return response

    def compare_view(self, request, pk):
        """The published page against the draft by default; any two saved versions on request."""
        article = self._article(request, pk)
        versions = list(Version.objects.get_for_object(article).select_related("revision__user"))
        chosen = {str(v.pk): v for v in versions}
        older, newer = chosen.get(request.GET.get("a")), chosen.get(request.GET.get("b"))
        if older and newer:
            when = "j M Y H:i"
            heading = f"Changes from {date_format(older.revision.date_created, when)} to " + date_format(
                newer.revision.date_created, when
            )
            before, after = diffs.of_version(older), diffs.of_version(newer)
        else:
            heading, before, after = diffs.default_comparison(article, versions)
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "versions": versions,
            "older": older,
            "newer": newer,
            "heading": heading,
            "diffs": diffs.changes(before, after),
            "title": f"Compare versions: {article.title}",
        }
        return TemplateResponse(request, "admin/education/article/compare.html", context)


def _preview(request, article, sources, related):
    response = render(
        request,
        "education/article_detail.html",
        {"article": article, "sources": sources, "related": related, "preview": True, "breadcrumbs": []},
    )
    response["Cache-Control"] = "no-store"
    response["X-Robots-Tag"] = "noindex"
    return response


class StaffProfileInline(admin.StackedInline):
    model = StaffProfile
    can_delete = False
    verbose_name_plural = "What patients are told about this reviewer"


# Reviewers' credentials are set here, by whoever manages staff accounts, and nowhere an editor can type them.
admin.site.unregister(User)


@admin.register(User)
class StaffUserAdmin(UserAdmin):
    inlines = [StaffProfileInline]
