"""Every translatable text has its Spanish, with its placeholders, and the self-check's catalogue matches its YAML."""

import re
from pathlib import Path

import polib
import pytest
from django.conf import settings

from triage import wording
from triage.flow import load_steps
from triage.rules import load_rules

CATALOGUES = sorted(
    path for path in Path(settings.BASE_DIR).glob("**/locale/es/LC_MESSAGES/*.po") if ".venv" not in path.parts
)
PLACEHOLDER = re.compile(r"\{\w+\}|%\(\w+\)s|\{\{ *\w+ *\}\}")


def test_there_are_catalogues_for_the_pages_and_the_self_check():
    names = {path.relative_to(settings.BASE_DIR).as_posix() for path in CATALOGUES}
    assert {"locale/es/LC_MESSAGES/django.po", "triage/locale/es/LC_MESSAGES/selfcheck.po"} <= names


@pytest.mark.parametrize("path", CATALOGUES, ids=lambda path: str(path.relative_to(settings.BASE_DIR)))
def test_every_entry_is_translated_with_its_placeholders(path):
    catalogue = polib.pofile(str(path))
    assert not catalogue.untranslated_entries(), [entry.msgid for entry in catalogue.untranslated_entries()][:5]
    assert not catalogue.fuzzy_entries(), [entry.msgid for entry in catalogue.fuzzy_entries()][:5]
    for entry in catalogue.translated_entries():
        for translated in entry.msgstr_plural.values() if entry.msgid_plural else [entry.msgstr]:
            assert sorted(PLACEHOLDER.findall(entry.msgid)) == sorted(PLACEHOLDER.findall(translated)), entry.msgid


def test_the_self_check_catalogue_holds_every_text_of_its_yaml():
    wanted = {*wording.texts(load_rules()), *wording.texts(load_steps())}
    catalogue = polib.pofile(str(wording.LOCALE_DIR / "es" / "LC_MESSAGES" / f"{wording.DOMAIN}.po"))
    assert {entry.msgid for entry in catalogue if not entry.obsolete} == wanted
