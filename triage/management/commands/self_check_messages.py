"""Keep the self-check's translation catalogues in step with rules.yaml and questions.yaml.

Every patient-facing text of the two files becomes an entry; a text that is new, or changed, waits for its
translation, and one no longer in the files is dropped. Translations already made are kept.
"""

import polib
from django.conf import settings
from django.core.management.base import BaseCommand

from triage import wording
from triage.flow import load_steps
from triage.rules import load_rules


class Command(BaseCommand):
    help = "Update the self-check's translation catalogues (triage/locale/*/LC_MESSAGES/selfcheck.po)."

    def handle(self, *args, **options):
        wanted = list(dict.fromkeys([*wording.texts(load_rules()), *wording.texts(load_steps())]))
        for language, name in settings.LANGUAGES:
            if language == settings.LANGUAGE_CODE:
                continue
            path = wording.LOCALE_DIR / language / "LC_MESSAGES" / f"{wording.DOMAIN}.po"
            path.parent.mkdir(parents=True, exist_ok=True)
            old = polib.pofile(str(path)) if path.exists() else polib.POFile()
            made = {entry.msgid: entry.msgstr for entry in old if entry.msgstr and not entry.obsolete}
            catalogue = polib.POFile(wrapwidth=0)
            catalogue.metadata = {
                "Project-Id-Version": "self-check",
                "Language": language,
                "MIME-Version": "1.0",
                "Content-Type": "text/plain; charset=UTF-8",
                "Content-Transfer-Encoding": "8bit",
            }
            for text in wanted:
                catalogue.append(polib.POEntry(msgid=text, msgstr=made.get(text, "")))
            catalogue.save(str(path))
            missing = sum(1 for text in wanted if not made.get(text))
            self.stdout.write(f"{path}: {len(wanted)} texts, {missing} waiting for a {name} translation.")
