import pytest


@pytest.fixture(autouse=True)
def _no_rate_limits(settings):
    """Hostile input sends more requests a minute than the rate limit allows; every one must reach the code."""
    settings.RATELIMIT_ENABLE = False


@pytest.fixture(autouse=True)
def _quick_passwords(settings):
    """Staff here sign in with force_login, so their passwords need not be slow to hash."""
    settings.PASSWORD_HASHERS = ["django.contrib.auth.hashers.MD5PasswordHasher"]
