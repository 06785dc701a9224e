from __future__ import annotations

import datetime
import hashlib
import json

from django.conf import settings
from django.db import models
from django.urls import reverse
from django.utils import timezone, translation
from django.utils.translation import gettext_lazy as _

# Clinics have their own module; importing the model here is how Django finds it.
from education.clinics.models import Clinic as Clinic
from education.codes import ICD10, SNOMED, SYSTEMS, CodeSystem, split_list, validate_icd10_codes, validate_snomed_codes
from education.queries import ArticleQuerySet
from education.rendering import article_fields, fill_slots
from site_config.links import WEB_URL
from triage.rules import RULES
from triage.vocabulary import ALL_CAUSE_KEYS


def cause_choices() -> list[tuple[str, str]]:
    """The self-check's causes: their keys from its vocabulary, their names from its rule table. An article about a
    cause carries its key so the self-check can link to it."""
    return [(key, RULES.any_cause(key).title) for key in ALL_CAUSE_KEYS]


REVIEW_INTERVAL = datetime.timedelta(days=365)


class Area(models.TextChoices):
    """Where a cause's pain starts, as the home page groups the causes."""

    BACK = "back", _("Back and buttock")
    HIP = "hip", _("Hip and thigh")
    CALF = "calf", _("Knee and calf")
    FOOT = "foot", _("Shin, ankle and foot")
    SKIN_VEINS = "skin_veins", _("Skin and veins")

    @classmethod
    def group(cls, articles) -> list[tuple[str, str, list]]:
        """(key, heading, articles) for each area that has any, in this order; articles with no area go last."""
        groups = [(area.value, str(area.label), [a for a in articles if a.area == area]) for area in cls]
        groups.append(("other", str(_("Other causes")), [a for a in articles if a.area not in cls.values]))
        return [group for group in groups if group[2]]


class Article(models.Model):
    class Status(models.TextChoices):
        DRAFT = "draft", "Draft"
        IN_REVIEW = "in_review", "In review"
        PUBLISHED = "published", "Published"
        ARCHIVED = "archived", "Archived"

    # What staff write, in the order the page shows it: the admin form, a draft revision, the reviewer's diff and
    # the content fingerprint all take this list (the slug and related articles are edited too, but not copied).
    CONTENT_FIELDS = (
        "title", "summary", "body", "cause_key", "icd10_codes", "snomed_codes", "synonyms", "display_order", "area",
        "compare_starts", "compare_legs", "compare_feels", "compare_worse", "compare_urgency",
    )  # fmt: skip
    # The review record: set only by the review action, from the reviewer's staff profile, and never copied from a
    # draft revision, so publishing an older draft never puts back an older review.
    REVIEW_FIELDS = ("last_reviewed", "reviewer_name", "reviewer_credentials", "next_review_due")
    # Content fields added after the loader began to keep fingerprints (see content_fingerprint).
    LATER_FIELDS = ("snomed_codes",)
    # Too long to load for a list of articles.
    LONG_FIELDS = ("body", "body_html", "toc", "synonyms")

    title = models.CharField(max_length=120)
    slug = models.SlugField(
        max_length=120,
        help_text="Part of the page address. Keep it stable. A translation takes its English article's.",
    )
    language = models.CharField(max_length=8, choices=settings.LANGUAGES, default=settings.LANGUAGE_CODE)
    # A translation is an article of its own, with the same draft, review and publishing as any other; its slug,
    # codes, sources, related pages and place in the self-check are its English article's.
    translation_of = models.ForeignKey(
        "self",
        null=True,
        blank=True,
        on_delete=models.CASCADE,
        related_name="translations",
        limit_choices_to={"language": settings.LANGUAGE_CODE, "draft_of": None},
        help_text="The English article this translates.",
    )
    # The English article's words when this translation was last brought up to date, to show what has changed.
    translated_from = models.TextField(blank=True, editable=False)
    summary = models.CharField(
        max_length=160,
        help_text="One or two plain sentences. Shown in lists and search results, and to search engines.",
    )
    body = models.TextField(help_text="Markdown. See the guide beside this field for headings and care cards.")
    body_html = models.TextField(editable=False, default="")
    toc = models.JSONField(editable=False, default=list)
    cause_key = models.CharField(
        max_length=40,
        choices=cause_choices,
        blank=True,
        help_text="The self-check cause this article explains. Leave empty for general articles.",
    )
    icd10_codes = models.CharField(
        "ICD-10 codes",
        max_length=200,
        blank=True,
        validators=[validate_icd10_codes],
        help_text="Separated by commas, for example I80.2, I82.4.",
    )
    snomed_codes = models.CharField(
        "SNOMED CT codes",
        max_length=400,
        blank=True,
        validators=[validate_snomed_codes],
        help_text="Concept IDs, separated by commas, for example 23056005. Health records send these too.",
    )
    synonyms = models.TextField(
        blank=True,
        help_text="Words patients use for this, one a line or separated by commas. Search finds them.",
    )
    status = models.CharField(max_length=20, choices=Status.choices, default=Status.DRAFT)
    published_at = models.DateTimeField(null=True, blank=True)
    created_at = models.DateTimeField(auto_now_add=True)
    updated_at = models.DateTimeField(auto_now=True)
    last_reviewed = models.DateField(null=True, blank=True)
    reviewer_name = models.CharField(max_length=120, blank=True)
    reviewer_credentials = models.CharField(max_length=200, blank=True)
    next_review_due = models.DateField(
        null=True, blank=True, help_text="Left empty, it is set to 12 months after the last review."
    )
    related = models.ManyToManyField("self", symmetrical=False, blank=True, related_name="+")
    display_order = models.PositiveSmallIntegerField(default=100, help_text="Lower numbers are listed first.")
    area = models.CharField(
        "where the pain starts",
        max_length=20,
        choices=Area.choices,
        blank=True,
        help_text="The home page lists causes under where their pain starts. Leave empty for general articles.",
    )
    reading_grade = models.FloatField(editable=False, null=True)
    word_count = models.PositiveIntegerField(editable=False, default=0)

    # One short phrase each, shown in the home page's table that compares the causes.
    compare_starts = models.CharField("where it starts and how it moves", max_length=120, blank=True)
    compare_legs = models.CharField("one or both legs", max_length=60, blank=True)
    compare_feels = models.CharField("how it feels", max_length=120, blank=True)
    compare_worse = models.CharField("what makes it worse", max_length=120, blank=True)
    compare_urgency = models.CharField("how urgent", max_length=120, blank=True)

    # Publishing later: a reviewer read this version and chose when it goes live (education/workflow.py).
    publish_at = models.DateTimeField(null=True, blank=True, editable=False)
    scheduled_version = models.PositiveIntegerField(null=True, blank=True, editable=False)
    scheduled_by = models.ForeignKey(
        settings.AUTH_USER_MODEL, null=True, blank=True, on_delete=models.SET_NULL, editable=False, related_name="+"
    )
    # A draft revision of a published article: the published text stays live until a reviewer publishes this.
    draft_of = models.ForeignKey(
        "self", null=True, blank=True, on_delete=models.CASCADE, related_name="revisions", editable=False
    )
    # Goes up by one on every save, so a form opened before someone else's save can be refused, not overwrite it.
    edit_version = models.PositiveIntegerField(default=0, editable=False)

    # Set by the starter-content loader: the content as loaded, so it can tell a staff edit from its own.
    loaded_fingerprint = models.CharField(max_length=64, blank=True, editable=False)

    objects = ArticleQuerySet.as_manager()

    class Meta:
        ordering = ["display_order", "title"]
        constraints = [models.UniqueConstraint(fields=["slug", "language"], name="one_slug_per_language")]
        permissions = [
            ("publish_article", "Can publish, unpublish and archive articles"),
            ("review_article", "Can mark articles as clinically reviewed"),
        ]

    def __str__(self):
        return f"{self.title} (draft revision)" if self.draft_of_id else self.title

    def save(self, *args, **kwargs):
        self.edit_version += 1
        # Trailing blank lines mean nothing in Markdown; one form keeps comparisons and backups exact.
        self.body = self.body.rstrip() + "\n"
        if self.translation_of_id and not self.draft_of_id:
            self.slug = self.translation_of.slug
        self.render()
        self._remember_old_slug()
        if self.status == self.Status.PUBLISHED and self.published_at is None:
            self.published_at = timezone.now()
        if self.last_reviewed and not self.next_review_due:
            self.next_review_due = self.last_reviewed + REVIEW_INTERVAL
        for system in SYSTEMS.values():
            setattr(self, system.field, ", ".join(system.normalise(code) for code in self.codes_in(system)))
        super().save(*args, **kwargs)

    def get_absolute_url(self):
        """A translation's page is in its language; an English article's is in the language being read, where a
        page not yet translated shows it in English."""
        if self.language == settings.LANGUAGE_CODE:
            return reverse("education:article", kwargs={"slug": self.slug})
        with translation.override(self.language):
            return reverse("education:article", kwargs={"slug": self.slug})

    def _remember_old_slug(self) -> None:
        """Keep a renamed article's old address working: it will redirect to the new one."""
        if self.pk is None or self.translation_of_id:
            return
        old = Article.objects.filter(pk=self.pk).values_list("slug", flat=True).first()
        if old and old != self.slug:
            OldSlug.objects.update_or_create(slug=old, defaults={"article_id": self.pk})

    def render(self) -> None:
        for field, value in article_fields(self.body, self.language).items():
            setattr(self, field, value)

    @property
    def html(self) -> str:
        """The body as patients see it: this site's emergency number, and the warning signs' words as they are now,
        in the article's own language: an English article on a Spanish page, not yet translated, stays English."""
        with translation.override(self.language):
            return fill_slots(self.body_html)

    def replace_sources(self, sources) -> None:
        """Make these (title, url) pairs the article's sources, in this order."""
        pairs = list(sources)
        self.sources.all().delete()
        Source.objects.bulk_create(
            Source(article=self, title=title, url=url, order=order) for order, (title, url) in enumerate(pairs)
        )

    @property
    def codes(self) -> list[str]:
        return self.codes_in(ICD10)

    @property
    def snomed_list(self) -> list[str]:
        return self.codes_in(SNOMED)

    def codes_in(self, system: CodeSystem) -> list[str]:
        return split_list(getattr(self, system.field))

    @property
    def synonym_list(self) -> list[str]:
        return split_list(self.synonyms)

    @property
    def is_published(self) -> bool:
        return self.status == self.Status.PUBLISHED and bool(self.published_at) and self.published_at <= timezone.now()

    @property
    def review_overdue(self) -> bool:
        return bool(self.next_review_due) and self.next_review_due < timezone.localdate()

    def structured_data(self, url: str) -> dict:
        """schema.org description of the page, for search engines that show reviewed health content."""
        condition = {"@type": "MedicalCondition", "name": self.title}
        codes = [(code, "ICD-10") for code in self.codes] + [(code, "SNOMED-CT") for code in self.codes_in(SNOMED)]
        if codes:
            condition["code"] = [{"@type": "MedicalCode", "code": code, "codingSystem": name} for code, name in codes]
        if self.synonym_list:
            condition["alternateName"] = self.synonym_list
        data = {
            "@context": "https://schema.org",
            "@type": "MedicalWebPage",
            "name": self.title,
            "description": self.summary,
            "url": url,
            "about": condition,
            "dateModified": self.updated_at,
        }
        if self.published_at:
            data["datePublished"] = self.published_at
        if self.last_reviewed:
            data["lastReviewed"] = self.last_reviewed
        if self.reviewer_name:
            data["reviewedBy"] = {"@type": "Person", "name": self.reviewer_name}
            if self.reviewer_credentials:
                data["reviewedBy"]["description"] = self.reviewer_credentials
        return data

    def content_fingerprint(self) -> str:
        """A digest of everything staff can edit, so the loader can tell whether anyone has."""
        # The review record is the starter files' own, but for its next due date, which is worked out from it.
        names = [*self.CONTENT_FIELDS, "status", *self.REVIEW_FIELDS]
        fields = {name: str(getattr(self, name)) for name in names if name != "next_review_due"}
        # Fields added since fingerprints were first kept count only once filled, so an article nobody has touched
        # still matches the fingerprint it was loaded with, and the loader can fill them in.
        for name in self.LATER_FIELDS:
            if not fields[name]:
                del fields[name]
        fields["sources"] = [[s.title, s.url] for s in self.sources.all()]
        fields["related"] = sorted(self.related.values_list("slug", flat=True))
        return hashlib.sha256(json.dumps(fields, sort_keys=True).encode()).hexdigest()


# Addresses patients follow from a page: only web links, whatever path the data took into the database.


class Source(models.Model):
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="sources")
    title = models.CharField(max_length=200)
    url = models.URLField("URL", max_length=500, validators=[WEB_URL])
    order = models.PositiveSmallIntegerField(default=0)

    class Meta:
        ordering = ["order", "id"]

    def __str__(self):
        return self.title

    def save(self, *args, **kwargs):
        WEB_URL(self.url)
        super().save(*args, **kwargs)


class ArticleEvent(models.Model):
    """One step in an article's editorial life: who did what, when and why."""

    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="events")
    action = models.CharField(max_length=40)
    from_status = models.CharField(max_length=20, blank=True)
    to_status = models.CharField(max_length=20, blank=True)
    user = models.ForeignKey(settings.AUTH_USER_MODEL, null=True, on_delete=models.SET_NULL, related_name="+")
    reason = models.TextField(blank=True)
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-created_at", "-id"]

    def __str__(self):
        return f"{self.action} by {self.user} at {self.created_at:%Y-%m-%d %H:%M}"


class StaffProfile(models.Model):
    """What patients are told about a clinical reviewer: set by an administrator, never typed by an editor."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE, related_name="staff_profile")
    credentials = models.CharField(
        max_length=200,
        blank=True,
        help_text="As patients will read it on reviewed pages, for example “Consultant vascular surgeon, GMC 1234567”.",
    )

    def __str__(self):
        return f"Profile of {self.user}"


class OldSlug(models.Model):
    """An address an article used to have. Links to it redirect, with a 301, to the article's current address."""

    slug = models.SlugField(max_length=120, unique=True)
    article = models.ForeignKey(Article, on_delete=models.CASCADE, related_name="old_slugs")
    created_at = models.DateTimeField(auto_now_add=True)

    def __str__(self):
        return self.slug


# Reader feedback and pictures live beside the code that uses them; imported here so Django knows the models.
from education.feedback import FeedbackCount  # noqa: E402, F401
from education.pictures import Picture  # noqa: E402, F401
