from django.core.management.base import BaseCommand
from django.utils import timezone

from education.feedback import unhelpful_pages
from education.models import Article
from education.translations import stale_translations


class Command(BaseCommand):
    help = (
        "List articles whose clinical review is overdue or due soon, and translations whose English has changed "
        "since (for a weekly cron job or email)."
    )

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="How far ahead counts as due soon (default 30).")

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        articles = Article.objects.order_by("next_review_due", "title")
        overdue = list(articles.review_overdue(today))
        soon = list(articles.review_due_soon(today, days))
        self._stale_translations()
        self._unhelpful()
        if not overdue and not soon:
            self.stdout.write(f"No clinical reviews are overdue or due in the next {days} days.")
            return
        for heading, group in [("Overdue", overdue), (f"Due in the next {days} days", soon)]:
            if group:
                self.stdout.write(f"{heading}:")
                for article in group:
                    self.stdout.write(
                        f"  {article.next_review_due:%Y-%m-%d}  {article.title}  ({article.get_status_display()})"
                    )

    def _stale_translations(self):
        stale = stale_translations()
        if not stale:
            self.stdout.write("Every translation is up to date with its English article.")
            return
        self.stdout.write("Translations whose English article changed since they were brought up to date:")
        for article in stale:
            self.stdout.write(f"  {article.language}  {article.title}  (from “{article.translation_of.title}”)")

    def _unhelpful(self):
        pages = unhelpful_pages()
        if not pages:
            return
        self.stdout.write("Pages many readers found unhelpful in the last three months:")
        for article, noes, answers in pages:
            self.stdout.write(f"  {noes} of {answers} said no  {article.title}")
