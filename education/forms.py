import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from education import care_cards
from education.models import REVIEW_INTERVAL, Article
from education.rendering import render_markdown

# What staff edit in an article; a published article keeps these until a reviewer publishes a draft revision.
EDITABLE_FIELDS = ["slug", *Article.CONTENT_FIELDS, "related"]

INTERNAL_LINK = re.compile(r'href="/articles/([^/"#?]+)/?[^"]*"')
IMAGE = re.compile(r"<img\b[^>]*>")


class SearchForm(forms.Form):
    q = forms.CharField(
        label=_("Search the guide"),
        max_length=100,
        strip=True,
        error_messages={
            "required": _("Enter a word to search for, like 'sciatica' or 'swollen calf'."),
            "max_length": _("Use 100 characters or fewer."),
        },
    )


class ArticleForm(forms.ModelForm):
    """The staff form: refuses a stale save instead of overwriting someone else's, and checks the Markdown."""

    # The article's edit_version when the form was opened; a save is refused if it has moved on since.
    opened_version = forms.IntegerField(widget=forms.HiddenInput, required=False)
    # For a draft revision, the published article it revises: if the revision is published while the editor types,
    # their save becomes a new revision of it (education/safe_editing.py).
    revision_of = forms.IntegerField(widget=forms.HiddenInput, required=False)

    class Meta:
        model = Article
        fields = EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if self.instance.pk and not self.is_bound:
            self.initial["opened_version"] = self.instance.edit_version
            self.initial["revision_of"] = self.instance.draft_of_id

    def clean(self):
        cleaned = super().clean()
        opened = cleaned.get("opened_version")
        # A form-wide error, so the admin shows it at the top of the page rather than beside a hidden field.
        if self.instance.pk and opened is not None and opened != self.instance.edit_version:
            raise ValidationError(
                "Someone else saved this article after you opened it. Your text is still in the form below: copy "
                "what you need, then open the article again to see their changes before you save."
            )
        return cleaned

    def clean_last_reviewed(self):
        reviewed = self.cleaned_data["last_reviewed"]
        # The next review is set a year later, and the calendar ends at the year 9999.
        if reviewed and reviewed > datetime.date.max - REVIEW_INTERVAL:
            raise ValidationError("Enter the date of the last review, for example 3 November 2026.")
        return reviewed

    def clean_body(self):
        body = self.cleaned_data["body"]
        html = render_markdown(body).html
        problems = care_cards.problems(body)
        slugs = set(INTERNAL_LINK.findall(html))
        known = set(Article.objects.filter(slug__in=slugs, draft_of=None).values_list("slug", flat=True))
        problems += [
            f"The link to /articles/{slug}/ goes to an article that does not exist." for slug in sorted(slugs - known)
        ]
        for tag in IMAGE.findall(html):
            if not re.search(r'alt="[^"]+"', tag):
                problems.append("Every image needs alt text that says what it shows: ![what it shows](address).")
                break
        if problems:
            raise ValidationError(problems)
        return body
