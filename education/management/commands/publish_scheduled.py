"""Publish the articles whose scheduled time has come. Run it every few minutes (docs/deploy.md)."""

from django.core.management.base import BaseCommand

from education.workflow import publish_due


class Command(BaseCommand):
    help = "Publish articles whose scheduled publishing time has come, if they are still the version reviewed."

    def handle(self, *args, **options):
        for line in publish_due():
            self.stdout.write(line)
