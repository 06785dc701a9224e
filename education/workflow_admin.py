"""The admin's workflow pages: take a step (submit, publish now or later, return, unpublish…), mark a review,
and start a draft revision. Each checks the step on the server (education/workflow.py) and says why it cannot."""

from __future__ import annotations

import datetime

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.shortcuts import redirect
from django.template.response import TemplateResponse
from django.utils import timezone
from django.utils.dateparse import parse_datetime

from education import workflow
from education.diffs import content_changes
from education.models import REVIEW_INTERVAL


class WorkflowAdminMixin:
    def transition_view(self, request, pk, name):
        article = self._article(request, pk)
        transition = workflow.TRANSITIONS.get(name)
        if transition is None:
            return redirect(self._change_url(article))
        error = None
        if request.method == "POST":
            later = _when(request.POST.get("publish_at", "")) if name == "publish" else None
            try:
                if later:
                    workflow.schedule_publish(
                        article,
                        user=request.user,
                        reason=request.POST.get("reason", ""),
                        seen_version=_int_or_none(request.POST.get("seen_version")),
                        when=later,
                    )
                    live = article
                else:
                    live = workflow.perform(
                        article,
                        name,
                        user=request.user,
                        reason=request.POST.get("reason", ""),
                        seen_version=_int_or_none(request.POST.get("seen_version")),
                    )
            except workflow.WorkflowError as problem:
                error = str(problem)
            else:
                done = (
                    f"scheduled “{live.title}” to be published"
                    if later
                    else f"{transition.label.lower()} “{live.title}”"
                )
                messages.success(request, f"Done: {done}.")
                return redirect(self._change_url(live))
        elif not request.user.has_perm(transition.permission):
            raise PermissionDenied
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "transition": transition,
            "error": error,
            "reason": request.POST.get("reason", ""),
            "title": f"{transition.label}: {article.title}",
            "changes": content_changes(article.draft_of, article) if name == "publish" else [],
            "live": article.draft_of,
        }
        return TemplateResponse(
            request, "admin/education/article/transition.html", context, status=400 if error else 200
        )

    def review_view(self, request, pk):
        article = self._article(request, pk)
        self._require(request, workflow.REVIEW)
        error = None
        if request.method == "POST":
            try:
                workflow.mark_reviewed(
                    article,
                    user=request.user,
                    reason=request.POST.get("reason", ""),
                    next_due=_date(request.POST.get("next_review_due", "")),
                )
            except workflow.WorkflowError as problem:
                error = str(problem)
            else:
                messages.success(request, f"Marked “{article.title}” as reviewed today.")
                return redirect(self._change_url(article))
        context = {
            **self.admin_site.each_context(request),
            "opts": self.opts,
            "article": article,
            "error": error,
            "reason": request.POST.get("reason", ""),
            "credentials": workflow.credentials_of(request.user),
            "next_due": request.POST.get("next_review_due") or (timezone.localdate() + REVIEW_INTERVAL).isoformat(),
            "earliest": (timezone.localdate() + datetime.timedelta(days=1)).isoformat(),
            "latest": (timezone.localdate() + workflow.LONGEST_REVIEW_INTERVAL).isoformat(),
            "title": f"Mark as reviewed: {article.title}",
        }
        return TemplateResponse(request, "admin/education/article/review.html", context, status=400 if error else 200)

    def new_draft_view(self, request, pk):
        article = self._article(request, pk)
        if request.method != "POST":
            return redirect(self._change_url(article))
        try:
            revision = workflow.start_revision(article, user=request.user)
        except workflow.WorkflowError as problem:
            messages.error(request, str(problem))
            return redirect(self._change_url(article))
        messages.success(request, "Edit this draft revision. The published page stays as it is until it is published.")
        return redirect(self._change_url(revision))


def _date(text: str) -> datetime.date | None:
    """A date as the date picker sends it (2027-05-28), the one format there is; anything else is refused."""
    if not text.strip():
        return None
    try:
        return datetime.date.fromisoformat(text.strip())
    except ValueError:
        raise workflow.WorkflowError("Enter the date with the date picker, like 2027-05-28.") from None


def _when(text: str):
    """A time typed in the publish form (the site's time zone), or None."""
    parsed = parse_datetime(text.strip()) if text.strip() else None
    if parsed is not None and timezone.is_naive(parsed):
        parsed = timezone.make_aware(parsed)
    return parsed


def _int_or_none(text):
    try:
        return int(text)
    except (TypeError, ValueError):
        return None
