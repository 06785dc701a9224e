"""Work comes to the people who do it: each person's lists on the staff home page, and an email when an article
moves on (submitted for review, returned to draft, published).

Email goes through Django's own machinery with the SMTP settings from the environment (README, "Configuration");
by default it is printed to the server's log, so nothing is needed to run the site.
"""

from __future__ import annotations

import logging

from django.contrib.auth import get_user_model
from django.core.mail import send_mail
from django.db import transaction
from django.db.models import Q
from django.urls import reverse

from education.models import Article, ArticleEvent
from site_config.links import absolute_url

logger = logging.getLogger(__name__)
PUBLISH = "education.publish_article"
# Who hears of each step, and what they are told.
NOTICES = {
    "submit": ("reviewers", "Waiting for your review: {title}", "{who} sent “{title}” for clinical review."),
    "return_to_draft": ("writers", "Returned to you: {title}", "{who} returned “{title}” to draft."),
    "publish": ("writers", "Published: {title}", "{who} published “{title}”. Patients can read it now."),
}


def work_for(user) -> dict[str, list[Article]]:
    """What is waiting for this person: articles to review (written by others), their own drafts, and drafts
    returned to them."""
    written = ArticleEvent.objects.filter(user=user, action__in=("edit", "start_revision")).values("article_id")
    drafts = list(Article.objects.filter(status=Article.Status.DRAFT, pk__in=written).order_by("-updated_at"))
    latest: dict[int, str] = {}
    for article_id, action in ArticleEvent.objects.filter(article__in=drafts).values_list("article_id", "action"):
        latest.setdefault(article_id, action)  # events come newest first
    returned = {article_id for article_id, action in latest.items() if action == "return_to_draft"}
    waiting: list[Article] = []
    if user.has_perm(PUBLISH):
        from education.workflow import writers

        in_review = Article.objects.filter(status=Article.Status.IN_REVIEW).order_by("updated_at")
        waiting = [article for article in in_review if user.pk not in writers(article)]
    return {
        "waiting_for_review": waiting,
        "returned_to_me": [article for article in drafts if article.pk in returned],
        "my_drafts": [article for article in drafts if article.pk not in returned],
    }


def tell(step: str, article: Article, *, by, reason: str = "") -> None:
    """Email the people a workflow step concerns, once the step is saved; a failure to send is logged, never in
    the editor's way. Called before the step, while a draft revision and its history still exist."""
    if step not in NOTICES:
        return
    audience, subject, opening = NOTICES[step]
    recipients = sorted(_reviewers(by) if audience == "reviewers" else _writers(article, by))
    if not recipients:
        return
    who = by.get_full_name() or by.get_username()
    link = absolute_url(reverse("admin:education_article_change", args=[article.draft_of_id or article.pk]))
    lines = [opening.format(who=who, title=article.title)]
    if reason.strip():
        lines.append(f"They said: {reason.strip()}")
    lines.append(f"Open it: {link}")

    def send() -> None:
        try:
            send_mail(subject.format(title=article.title), "\n\n".join(lines), None, recipients)
        except OSError:
            logger.exception("Could not send the email about “%s” (%s).", article.title, step)

    transaction.on_commit(send)


def _reviewers(by) -> set[str]:
    users = get_user_model().objects.filter(is_active=True).exclude(pk=by.pk).exclude(email="")
    permitted = users.filter(
        Q(is_superuser=True)
        | Q(user_permissions__codename="publish_article")
        | Q(groups__permissions__codename="publish_article")
    ).distinct()
    return set(permitted.values_list("email", flat=True))


def _writers(article: Article, by) -> set[str]:
    live = article.draft_of or article
    ids = ArticleEvent.objects.filter(article__in=[article, live], action__in=("edit", "start_revision"))
    users = get_user_model().objects.filter(pk__in=ids.values("user_id"), is_active=True).exclude(pk=by.pk)
    return set(users.exclude(email="").values_list("email", flat=True))
