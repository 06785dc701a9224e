from django.core.management.base import BaseCommand
from django.utils import timezone

from education.models import Article


class Command(BaseCommand):
    help = "List articles whose clinical review is overdue or due soon (for a weekly cron job or email)."

    def add_arguments(self, parser):
        parser.add_argument("--days", type=int, default=30, help="How far ahead counts as due soon (default 30).")

    def handle(self, *args, days, **options):
        today = timezone.localdate()
        articles = Article.objects.order_by("next_review_due", "title")
        overdue = list(articles.review_overdue(today))
        soon = list(articles.review_due_soon(today, days))
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
