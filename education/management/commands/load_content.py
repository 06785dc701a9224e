from django.core.management.base import BaseCommand, CommandError

from education.starter_content import ContentError, load_articles, load_pictures


class Command(BaseCommand):
    help = "Load the starter articles from content/articles/, keeping any article that staff have edited."

    def handle(self, *args, **options):
        try:
            pictures = load_pictures()
            report = load_articles()
        except ContentError as error:
            raise CommandError(str(error)) from None
        self.stdout.write(
            f"Starter content: {len(report.created)} created, {len(report.updated)} updated, "
            f"{len(report.unchanged)} unchanged, {len(report.kept_staff_edits)} kept as staff edited them; "
            f"{len(pictures)} pictures added."
        )
