"""The editorial workflow: draft → in review → published (→ archived), with who may do what.

Every change of state goes through `perform()`, which checks the user's permission on the server, records an
`ArticleEvent` with the reason, and saves a django-reversion version so the step can be seen and undone.
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

import reversion
from django.db import transaction
from django.utils import timezone

from education import work
from education.models import REVIEW_INTERVAL, Article, ArticleEvent, StaffProfile

Status = Article.Status
EDIT = "education.change_article"
PUBLISH = "education.publish_article"
REVIEW = "education.review_article"

# Steps after which the text is live as reviewed: edits before the latest of them are already published.
PUBLISHING_ACTIONS = {"publish", "publish_revision"}
WRITING_ACTIONS = {"edit", "start_revision"}
LOCKED = (Status.PUBLISHED, Status.ARCHIVED, Status.IN_REVIEW)


def is_locked(article: Article | None) -> bool:
    """A published or archived article's text changes only through a reviewed draft revision, and one in review
    does not change at all: the reviewer publishes exactly what they read. (Return it to draft to edit it.)"""
    return article is not None and article.status in LOCKED


class WorkflowError(Exception):
    pass


@dataclass(frozen=True)
class Transition:
    name: str
    label: str
    sources: frozenset[str]
    target: str
    permission: str
    needs_reason: bool = False


TRANSITIONS = {
    t.name: t
    for t in [
        Transition("submit", "Submit for review", frozenset({Status.DRAFT}), Status.IN_REVIEW, EDIT),
        Transition("return_to_draft", "Return to draft", frozenset({Status.IN_REVIEW}), Status.DRAFT, EDIT),
        Transition("publish", "Publish", frozenset({Status.IN_REVIEW}), Status.PUBLISHED, PUBLISH, needs_reason=True),
        Transition("unpublish", "Unpublish", frozenset({Status.PUBLISHED}), Status.DRAFT, PUBLISH, needs_reason=True),
        Transition("archive", "Archive", frozenset({Status.DRAFT, Status.PUBLISHED}), Status.ARCHIVED, PUBLISH, True),
        Transition("restore", "Restore as a draft", frozenset({Status.ARCHIVED}), Status.DRAFT, EDIT),
    ]
}


def available(article: Article, user) -> list[Transition]:
    """The transitions this user may make on this article now."""
    return [
        t
        for t in TRANSITIONS.values()
        if article.status in t.sources
        and user.has_perm(t.permission)
        and not (article.draft_of_id and t.name in {"unpublish", "archive", "restore"})
    ]


def perform(article: Article, name: str, *, user, reason: str = "", seen_version: int | None = None) -> Article:
    """Make transition `name`, or raise WorkflowError saying why not. Returns the article now live, if any.

    Publishing takes `seen_version`, the article's edit_version on the page the reviewer read: it publishes
    exactly that text or nothing. Nobody publishes a change they wrote themselves."""
    transition = TRANSITIONS.get(name)
    if transition is None:
        raise WorkflowError(f"There is no action called {name!r}.")
    if not user.has_perm(transition.permission):
        raise WorkflowError(f"You do not have permission to {transition.label.lower()} articles.")
    if article.status not in transition.sources:
        raise WorkflowError(
            f"“{transition.label}” is not possible while the article is {article.get_status_display().lower()}."
        )
    if transition.needs_reason and not reason.strip():
        raise WorkflowError("Say briefly why. The reason is kept with the article's history.")
    if name == "publish":
        _check_four_eyes(article, user=user, seen_version=seen_version)
        _check_one_page_per_cause(article)
    work.tell(name, article, by=user, reason=reason)
    if name == "publish" and article.draft_of_id:
        return _publish_revision(article, user=user, reason=reason)
    with transaction.atomic(), reversion.create_revision():
        previous = article.status
        article.status = transition.target
        article.publish_at = article.scheduled_version = article.scheduled_by = None
        if transition.target == Status.PUBLISHED:
            article.published_at = timezone.now()
        article.save()
        _record(article, name, previous, user, reason)
    return article


def _check_four_eyes(article: Article, *, user, seen_version: int | None) -> None:
    if user.pk in writers(article):
        raise WorkflowError("You wrote or changed this version, so another clinical reviewer must read and publish it.")
    if seen_version is None or seen_version != article.edit_version:
        raise WorkflowError(
            "The article changed after you opened this page. Read the changes below, then publish if they are right."
        )


def writers(article: Article) -> set[int]:
    """Everyone who wrote part of the text waiting to be published: edits since it was last published (for a
    draft revision, since the revision began)."""
    events = list(article.events.values_list("action", "user_id"))  # newest first
    found = set()
    for action, user_id in events:
        if action in PUBLISHING_ACTIONS:
            break
        if action in WRITING_ACTIONS and user_id is not None:
            found.add(user_id)
    return found


def record_edit(article: Article, *, user) -> None:
    """Note who changed the text, so the four-eyes rule can tell writers from reviewers."""
    ArticleEvent.objects.create(
        article=article, action="edit", from_status=article.status, to_status=article.status, user=user
    )


def comment(article: Article, *, user, text: str) -> None:
    """A note for the people working on the article, kept with its workflow history."""
    ArticleEvent.objects.create(
        article=article, action="comment", from_status=article.status, to_status=article.status, user=user,
        reason=text.strip(),
    )  # fmt: skip


def credentials_of(user) -> str:
    profile = StaffProfile.objects.filter(user=user).first()
    return profile.credentials.strip() if profile else ""


LONGEST_REVIEW_INTERVAL = datetime.timedelta(days=3 * 365)


def mark_reviewed(
    article: Article, *, user, reason: str, on: datetime.date | None = None, next_due: datetime.date | None = None
) -> None:
    """Record a clinical review: the reviewer's name and credentials come from their staff profile; the next review
    is due a year later unless the reviewer chooses another date, after the review and within three years."""
    if not user.has_perm(REVIEW):
        raise WorkflowError("You do not have permission to mark articles as reviewed.")
    if not reason.strip():
        raise WorkflowError("Say briefly what you checked. The note is kept with the article's history.")
    credentials = credentials_of(user)
    if not credentials:
        raise WorkflowError(
            "Your staff profile has no credentials yet, so patients could not see who checked this page. "
            "Ask an administrator to add them."
        )
    reviewed = on or timezone.localdate()
    if next_due is not None and not reviewed < next_due <= reviewed + LONGEST_REVIEW_INTERVAL:
        raise WorkflowError(
            f"Choose a next review date after {reviewed:%-d %B %Y} and no later than "
            f"{reviewed + LONGEST_REVIEW_INTERVAL:%-d %B %Y}."
        )
    with transaction.atomic(), reversion.create_revision():
        article.last_reviewed = reviewed
        article.next_review_due = next_due or reviewed + REVIEW_INTERVAL
        article.reviewer_name = user.get_full_name() or user.get_username()
        article.reviewer_credentials = credentials
        article.save()
        _record(article, "mark_reviewed", article.status, user, reason)


def start_revision(article: Article, *, user) -> Article:
    """A draft copy of a published article to edit, while the published text stays live."""
    if article.status != Status.PUBLISHED or article.draft_of_id:
        raise WorkflowError("Only a published article is edited as a new draft revision.")
    if not user.has_perm(EDIT):
        raise WorkflowError("You do not have permission to edit articles.")
    existing = article.revisions.first()
    if existing is not None:
        return existing
    with transaction.atomic(), reversion.create_revision():
        revision = Article(
            **{name: getattr(article, name) for name in Article.CONTENT_FIELDS + Article.REVIEW_FIELDS},
            slug=_revision_slug(article),
            status=Status.DRAFT,
            draft_of=article,
            language=article.language,
            translation_of=article.translation_of,
            translated_from=article.translated_from,
        )
        revision.save()
        _copy_links(article, revision)
        _record(revision, "start_revision", "", user, f"Draft revision of “{article.title}”.")
    return revision


def _check_one_page_per_cause(article: Article) -> None:
    """The self-check links each cause to the one published article that names it, so two may not."""
    if not article.cause_key:
        return
    live = article.draft_of or article
    other = Article.objects.published().filter(cause_key=article.cause_key).exclude(pk=live.pk).first()
    if other is not None:
        raise WorkflowError(
            f"“{other.title}” is already the published page for {article.get_cause_key_display()}. The self-check "
            "links each cause to one page: change the cause here, or unpublish that page first."
        )


def _publish_revision(revision: Article, *, user, reason: str) -> Article:
    article = revision.draft_of
    with transaction.atomic(), reversion.create_revision():
        for name in [*Article.CONTENT_FIELDS, "translated_from"]:
            setattr(article, name, getattr(revision, name))
        article.save()
        _copy_links(revision, article)
        _record(article, "publish_revision", Status.PUBLISHED, user, reason)
        revision.delete()
    return article


def _copy_links(source: Article, target: Article) -> None:
    target.replace_sources((s.title, s.url) for s in source.sources.all())
    target.related.set(source.related.all())


def _revision_slug(article: Article) -> str:
    return f"{article.slug[:100]}-revision-{article.edit_version}"


def _record(article, action, previous, user, reason):
    ArticleEvent.objects.create(
        article=article, action=action, from_status=previous, to_status=article.status, user=user, reason=reason.strip()
    )
    reversion.set_user(user)
    reversion.set_comment(f"{action.replace('_', ' ').capitalize()}: {reason.strip()}" if reason.strip() else action)


def schedule_publish(article: Article, *, user, reason: str, seen_version: int | None, when) -> None:
    """Publish the version the reviewer read at a later time, by `publish_scheduled` (run by cron or a timer).
    Every check of publishing now is made now, and made again when the time comes."""
    if not user.has_perm(PUBLISH):
        raise WorkflowError("You do not have permission to publish articles.")
    if article.status != Status.IN_REVIEW:
        raise WorkflowError("Only an article in review can be scheduled.")
    if not reason.strip():
        raise WorkflowError("Say briefly why. The reason is kept with the article's history.")
    if when <= timezone.now():
        raise WorkflowError("Choose a time in the future, or publish now.")
    _check_four_eyes(article, user=user, seen_version=seen_version)
    _check_one_page_per_cause(article)
    with transaction.atomic(), reversion.create_revision():
        # Not a save: the version the reviewer read must stay the one that is published.
        Article.objects.filter(pk=article.pk).update(publish_at=when, scheduled_version=seen_version, scheduled_by=user)
        _record(
            article,
            "schedule_publish",
            article.status,
            user,
            f"{reason.strip()} (to publish at {when:%Y-%m-%d %H:%M %Z})",
        )


def publish_due(now=None) -> list[str]:
    """Publish every article whose time has come, if it is still the version its reviewer read; say what
    happened to each."""
    now = now or timezone.now()
    done = []
    for article in Article.objects.filter(status=Status.IN_REVIEW, publish_at__lte=now).select_related("scheduled_by"):
        reviewer = article.scheduled_by
        try:
            if reviewer is None:
                raise WorkflowError("the reviewer who scheduled it no longer has an account")
            perform(
                article,
                "publish",
                user=reviewer,
                reason="Published as scheduled.",
                seen_version=article.scheduled_version,
            )
        except WorkflowError as problem:
            Article.objects.filter(pk=article.pk).update(publish_at=None, scheduled_version=None, scheduled_by=None)
            ArticleEvent.objects.create(
                article=article, action="schedule_cancelled", from_status=article.status, to_status=article.status,
                reason=f"Not published as scheduled: {problem}",
            )  # fmt: skip
            done.append(f"Not published: “{article.title}”: {problem}")
        else:
            done.append(f"Published: “{article.title}”")
    return done
