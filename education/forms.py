import datetime
import re

from django import forms
from django.core.exceptions import ValidationError
from django.utils.translation import gettext_lazy as _

from education import care_cards, editing_checks
from education.models import REVIEW_INTERVAL, Article
from education.rendering import render_markdown

# Fields of the staff form that say something about the article, or about the form, without changing it.
NOT_ARTICLE_FIELDS = {"comment", "caught_up", "opened_version", "revision_of"}
# What staff edit in an article; a published article keeps these until a reviewer publishes a draft revision.
EDITABLE_FIELDS = ["slug", *Article.CONTENT_FIELDS, "related"]

# Far longer than any article should be (the longest starter article is about 8,000), short of the request limit.
MAX_BODY = 100_000
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
    comment = forms.CharField(
        required=False,
        max_length=2000,
        widget=forms.Textarea(attrs={"rows": 3}),
        label="Add a comment",
        help_text="For the people working on this article. Kept in its workflow history; patients never see it.",
    )

    def text_changed(self) -> bool:
        """Whether the article itself changed, not just a comment or a note about its translation."""
        return any(name not in NOT_ARTICLE_FIELDS for name in self.changed_data)

    class Meta:
        model = Article
        fields = EDITABLE_FIELDS

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        if "summary" in self.fields:
            # The browser would cut a long paste at the limit without a word; the counter and the error say so.
            limit = self.fields["summary"].max_length
            self.fields["summary"].widget.attrs.pop("maxlength", None)
            self.fields["summary"].widget.attrs["data-limit"] = limit
            self.fields["summary"].help_text = f"{self.fields['summary'].help_text} At most {limit} characters."
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
        if len(body) > MAX_BODY:
            raise ValidationError(
                f"The text is {len(body):,} characters long; an article can be at most {MAX_BODY:,}. Patients read "
                "short pages: split it into two articles, or cut what is not needed. Your text is still here."
            )
        html = render_markdown(body).html
        problems = care_cards.problems(body) + editing_checks.problems(body)
        for tag in IMAGE.findall(html):
            if not re.search(r'alt="[^"]+"', tag):
                problems.append("Every image needs alt text that says what it shows: ![what it shows](address).")
                break
        if problems:
            raise ValidationError(problems)
        return body
