"""A patient's answers stay in their own browser: never in the database, the logs or a URL."""

import logging
import re

import pytest
from django.apps import apps
from django.db import connection

from tests.triage.helpers import EMBED, embedded_go, embedded_walk, walk

pytestmark = pytest.mark.django_db(transaction=True)

# Distinctive answers, so finding any of them anywhere means an answer leaked.
TELLTALE = {
    "red_flags": ["none"],
    "start_location": "shin",
    "spread": "along_vein",
    "legs": "one",
    "sensations": ["throbbing", "tenderness"],
    "signs": ["hard_painful_vein", "red_or_discoloured_skin"],
    "triggers": ["worse_standing"],
    "risk_factors": ["pregnant_or_recent_birth", "family_history_veins"],
    "onset": "days",
    "age_band": "20_39",
}
VALUES = ["along_vein", "hard_painful_vein", "pregnant_or_recent_birth", "family_history_veins", "throbbing"]
WORDS = ["A vein that is hard, red and sore", "You are pregnant", "It follows a vein"]


def database_rows():
    rows = set()
    with connection.cursor() as cursor:
        for model in apps.get_models(include_auto_created=True):
            table = model._meta.db_table
            cursor.execute(f"SELECT * FROM {connection.ops.quote_name(table)}")  # noqa: S608 - table names from models
            rows.update(f"{table}: {row}" for row in cursor.fetchall())
    return rows


def test_no_answer_reaches_the_database_the_logs_or_a_url(client, caplog, starter_articles):
    caplog.set_level(logging.DEBUG)
    before = database_rows()
    locations = []
    response = walk(client, TELLTALE)
    locations.append(response["Location"])
    for url in ["/self-check/check-your-answers/", "/self-check/result/"]:
        assert client.get(url).status_code == 200
    # Inside a clinic's page the answers travel in the forms; the pages' addresses must not carry them either.
    embedded = embedded_walk(client, TELLTALE)
    result = embedded_go(client, embedded, f"{EMBED}result/")
    assert result.status_code == 200
    locations += re.findall(r'(?:action|href)="([^"]*)"', embedded.text + result.text)
    client.post("/api/v1/self-check/", TELLTALE, content_type="application/json")
    client.post("/api/v1/self-check/", {"red_flags": ["none"], "signs": ["hard_painful_vein", "x"]},
                content_type="application/json")  # fmt: skip
    # The articles mention symptoms too, so look only at what the self-check changed.
    stored = "\n".join(database_rows() - before)
    logged = "\n".join(record.getMessage() for record in caplog.records)
    for value in VALUES + WORDS:
        assert value not in stored, f"{value!r} was written to the database"
        assert value not in logged, f"{value!r} was written to the log"
        assert all(value not in location for location in locations)


def test_the_answers_cookie_is_scoped_signed_and_hidden_from_scripts(client):
    walk(client, TELLTALE)
    cookie = client.cookies["selfcheck"]
    assert cookie["httponly"] is True
    assert cookie["samesite"] == "Lax"
    assert cookie["path"] == "/self-check/"
    assert cookie["max-age"] == ""  # gone when the browser closes
    assert ":" in cookie.value  # carries a signature


def test_no_session_is_created_for_a_patient(client):
    from django.contrib.sessions.models import Session

    walk(client, TELLTALE)
    client.get("/self-check/result/")
    assert Session.objects.count() == 0
