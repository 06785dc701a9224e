"""Small builders with sensible defaults, so each test states only what it is about."""

import datetime
import itertools
from importlib import import_module

from education.models import Article, Source

_numbers = itertools.count(1)


def make_article(*, sources=(), related=(), **fields) -> Article:
    number = next(_numbers)
    defaults = {
        "title": f"Condition {number}",
        "slug": f"condition-{number}",
        "summary": "A short summary of the condition.",
        "body": "## What is it?\n\nIt is a condition. It can hurt.\n",
        "status": Article.Status.PUBLISHED,
        "last_reviewed": datetime.date(2026, 11, 1),
        "reviewer_name": "Dr Ada Reviewer",
        "reviewer_credentials": "Consultant in vascular medicine",
    }
    article = Article.objects.create(**{**defaults, **fields})
    for index, (title, url) in enumerate(sources):
        Source.objects.create(article=article, title=title, url=url, order=index)
    article.related.set(related)
    return article


def make_staff(role=None, *, username=None, first_name="", last_name=""):
    """A staff member in a role: "Editor", "Clinical reviewer", or None for staff with no role."""
    from django.contrib.auth.models import User

    user = User.objects.create_user(
        username or f"staff{next(_numbers)}",
        password="a long staff password 42",
        is_staff=True,
        first_name=first_name,
        last_name=last_name,
    )
    if role:
        user.groups.add(_role(role))
    return user


def _role(name):
    """The role's group, made by the roles migration; tests that empty the database between runs
    (the browser suite's live server) lose it, so it is made again the same way."""
    from django.apps import apps
    from django.contrib.auth.models import Group

    if not Group.objects.filter(name=name).exists():
        import_module("education.migrations.0003_roles").create_roles(apps, None)
    return Group.objects.get(name=name)


def article_form_data(article=None, **changes):
    """What the admin change form posts, for a new article or an existing one."""
    data = {
        "title": "Shin splints",
        "slug": "shin-splints",
        "summary": "Pain along the shin bone.",
        "body": "## What is it?\n\nPain along the shin.\n",
        "icd10_codes": "",
        "synonyms": "",
        "display_order": "10",
        "language": "en",
        "sources-TOTAL_FORMS": "0",
        "sources-INITIAL_FORMS": "0",
        "events-TOTAL_FORMS": "0",
        "events-INITIAL_FORMS": "0",
    }
    if article is not None:
        data.update(
            title=article.title,
            slug=article.slug,
            summary=article.summary,
            body=article.body,
            display_order=str(article.display_order),
            opened_version=str(article.edit_version),
            **{"sources-TOTAL_FORMS": "0", "sources-INITIAL_FORMS": "0"},
        )
        events = article.events.count()
        data.update({"events-TOTAL_FORMS": str(events), "events-INITIAL_FORMS": str(events)})
    data.update(changes)
    return data
