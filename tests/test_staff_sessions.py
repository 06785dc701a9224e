"""Staff sign-ins end when left idle or too long, and sign-in lockouts follow the real client behind the proxy."""

from __future__ import annotations

import time

import pytest

from site_config.staff_sessions import LAST_SEEN, STARTED
from tests.factories import make_staff

pytestmark = pytest.mark.django_db


def signed_in(client):
    client.force_login(make_staff("Editor"))
    assert client.get("/admin/").status_code == 200
    return client


def backdate(client, key, seconds):
    session = client.session
    session[key] = time.time() - seconds
    session.save()


def test_a_staff_sign_in_ends_after_30_minutes_idle(client):
    signed_in(client)
    backdate(client, LAST_SEEN, 29 * 60)
    assert client.get("/admin/").status_code == 200
    backdate(client, LAST_SEEN, 31 * 60)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_a_staff_sign_in_ends_after_12_hours_however_busy(client):
    signed_in(client)
    backdate(client, STARTED, 12 * 60 * 60 + 1)
    assert client.get("/admin/")["Location"].startswith("/admin/login/")


def test_behind_the_proxy_one_address_cannot_lock_staff_out_for_everyone(client, settings):
    settings.TRUSTED_PROXY_COUNT = 1
    make_staff("Editor", username="eddie")
    for _ in range(5):
        client.post(
            "/admin/login/",
            {"username": "eddie", "password": "wrong guess"},
            REMOTE_ADDR="10.0.0.2",  # the proxy
            HTTP_X_FORWARDED_FOR="203.0.113.9",
        )
    attacker = client.post(
        "/admin/login/",
        {"username": "eddie", "password": "wrong"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="203.0.113.9",
    )
    assert attacker.status_code == 429
    eddie = client.post(
        "/admin/login/",
        {"username": "eddie", "password": "a long staff password 42"},
        REMOTE_ADDR="10.0.0.2",
        HTTP_X_FORWARDED_FOR="198.51.100.4",
    )
    assert eddie.status_code == 302
