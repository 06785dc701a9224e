"""No save an editor makes is ever lost, whatever happened to the article while they typed.

Every way a save can be refused or overtaken ends on a form the editor can edit, holding what they typed:
- the database refused the write: the same form again, to try once more;
- a reviewer published the draft revision they were editing (so it no longer exists): a new draft revision of the
  published article, seeded with their text, whose page shows how it differs from what went live;
- the article was deleted: their text, ready to save as a new article;
- the article was sent for review or published while they typed (so its form is locked): for a published article
  a new draft revision seeded with their text; for one in review, their text, to apply once it is back in draft.
A save that follows a workflow button ("Submit for review") saves first, then goes on to that step. Restoring an
old version writes its words into a draft, never onto the live page.
"""

from __future__ import annotations

from django.contrib import messages
from django.db import DatabaseError
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse
from django.utils import formats
from reversion.models import Version

from education import workflow
from education.models import Article

# The fields a kept-text page offers back, in the order the change form shows them.
TEXT_FIELDS = ("title", "slug", "summary", "body")
# What a new draft revision takes from the editor's form: the words they type, never links or review fields.
SEEDED_FIELDS = ("title", "summary", "body", "synonyms", "compare_starts", "compare_legs", "compare_feels",
                 "compare_worse", "compare_urgency")  # fmt: skip
# The name of the workflow step a save button goes on to once the save succeeds.
THEN = "_then"


def typed(value: str) -> str:
    return value.replace("\r\n", "\n").strip()


def changed_text(article: Article, data) -> bool:
    """Whether the posted form holds words that differ from the article's (a locked form posts none)."""
    return any(name in data and typed(data[name]) != typed(getattr(article, name)) for name in SEEDED_FIELDS)


class SafeEditingMixin:
    def changeform_view(self, request, object_id=None, form_url="", extra_context=None):
        if request.method == "POST" and object_id:
            article = Article.objects.filter(pk=object_id).first()
            if article is None:
                return self._overtaken(request)
            if workflow.is_locked(article) and changed_text(article, request.POST):
                return self._locked_while_typing(request, article)
        try:
            return super().changeform_view(request, object_id, form_url, extra_context)  # type: ignore[misc]
        except DatabaseError:
            if request.method != "POST":
                raise
            # The database refused the write (full disk, read-only, gone): never lose what the editor typed.
            return self._kept_text(
                request,
                "Your changes were not saved",
                "The database could not save your changes just now. It may be full, read-only or restarting. "
                "Nothing you typed is lost: it is all below. Try saving again in a few minutes.",
                action=request.get_full_path(),
                status=503,
            )

    def save_model(self, request, obj, form, change):
        # A form that changed nothing (a workflow button on a locked page, say) leaves the article as it is, so a
        # reviewer's "seen" version does not move under them.
        if change and not form.text_changed():
            return
        super().save_model(request, obj, form, change)  # type: ignore[misc]

    def response_change(self, request, obj):
        step = request.POST.get(THEN)
        if step in workflow.TRANSITIONS:
            return redirect("admin:education_article_transition", obj.pk, step)
        return super().response_change(request, obj)  # type: ignore[misc]

    def restore_as_draft(self, request, object_id, version_id):
        """Put an old version's words into a draft: the article itself while it is a draft, else a new draft
        revision. What is live, its status and its review record never change here."""
        article = get_object_or_404(Article, pk=object_id)
        version = get_object_or_404(Version.objects.get_for_object(article), pk=version_id)
        target, problem = article, ""
        if article.status == Article.Status.IN_REVIEW:
            problem = "A clinical reviewer is reading this article. Return it to draft, then restore the old version."
        elif article.status == Article.Status.ARCHIVED:
            problem = "This article is archived. Restore it as a draft first, then restore the old version."
        elif article.status == Article.Status.PUBLISHED:
            if article.revisions.exists():
                problem = "A draft revision of this article is already open. Finish or delete it first."
            else:
                target = workflow.start_revision(article, user=request.user)
        if problem:
            messages.error(request, problem)
            return redirect("admin:education_article_change", article.pk)
        old = version.field_dict
        for name in Article.CONTENT_FIELDS:
            if name in old:
                setattr(target, name, old[name])
        target.save()
        workflow.record_edit(target, user=request.user)
        when = formats.date_format(version.revision.date_created, "j F Y, H:i")
        where = "this draft" if target is article else "a new draft revision"
        messages.success(
            request,
            f"The text as it was on {when} is now in {where}. The published page stays as it is until a clinical "
            "reviewer publishes it.",
        )
        return redirect("admin:education_article_change", target.pk)

    def _overtaken(self, request):
        live = Article.objects.filter(pk=_int(request.POST.get("revision_of")), draft_of=None).first()
        if live is not None and live.status == Article.Status.PUBLISHED:
            return self._into_new_revision(
                request,
                live,
                "While you were editing, a clinical reviewer published the earlier draft. Your text is in this new "
                "draft revision; the differences from the published page are shown below.",
            )
        return self._kept_text(
            request,
            "This article no longer exists",
            "Someone deleted this article while you were editing it. Your text is below: save it as a new article.",
            action=reverse("admin:education_article_add"),
            status=409,
        )

    def _locked_while_typing(self, request, article: Article):
        if article.status == Article.Status.PUBLISHED and not article.draft_of_id:
            return self._into_new_revision(
                request,
                article,
                "This article was published while you were editing it. Your text is in this new draft revision; the "
                "differences from the published page are shown below.",
            )
        return self._kept_text(
            request,
            "This article was sent for review while you were editing",
            "Its text is locked while a clinical reviewer reads it, so your changes were not saved. They are all "
            "below. Ask for it to be returned to draft, then save them.",
            action="",
            status=409,
            article=article,
        )

    def _into_new_revision(self, request, live: Article, explanation: str):
        pending = live.revisions.first()
        if pending is not None:
            # Someone else's draft revision is open: never write over it.
            return self._kept_text(
                request,
                "Your changes were not saved",
                f"{explanation.split('.')[0]}. A draft revision is already open, so your text was not put into it: "
                "it is all below.",
                action="",
                status=409,
                article=pending,
            )
        revision = workflow.start_revision(live, user=request.user)
        for name in SEEDED_FIELDS:
            if name in request.POST:
                setattr(revision, name, request.POST[name].replace("\r\n", "\n"))
        revision.save()
        workflow.record_edit(revision, user=request.user)
        messages.warning(request, explanation)
        return redirect("admin:education_article_change", revision.pk)

    def _kept_text(self, request, title, explanation, *, action, status, article=None):
        context = {
            **self.admin_site.each_context(request),  # type: ignore[attr-defined]
            "opts": Article._meta,
            "title": title,
            "explanation": explanation,
            "action": action,
            "fields": [(name, request.POST.get(name, "")) for name in TEXT_FIELDS],
            "hidden": _carried(request.POST, new=action == reverse("admin:education_article_add")) if action else [],
            "article": article,
        }
        return TemplateResponse(request, "admin/education/article/save_failed.html", context, status=status)


def _carried(data, *, new: bool) -> list[tuple[str, str]]:
    """The rest of what the form posted, to send again with the text: all of it to retry the same save; for a
    new article, only its own fields (the deleted one's sources and history went with it)."""
    if new:
        kept = [(name, value) for name in Article.CONTENT_FIELDS if name not in TEXT_FIELDS
                for value in data.getlist(name)]  # fmt: skip
        empty = [
            (f"{prefix}-{part}", "0") for prefix in ("sources", "events") for part in ("TOTAL_FORMS", "INITIAL_FORMS")
        ]
        return kept + empty
    skipped = {*TEXT_FIELDS, "csrfmiddlewaretoken"}
    return [(name, value) for name in data if name not in skipped for value in data.getlist(name)]


def _int(text) -> int | None:
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
