import pytest
from django.conf import settings
from django.core.cache import caches
from django.test.utils import override_settings

from education.starter_content import load_articles, load_pictures

# In one test process a local cache behaves as the file cache does across processes, only faster; the claims
# about several processes are tested against real gunicorn servers (tests/servers/), which use the real shared
# cache. With REDIS_URL set (the PostgreSQL and Redis run), the tests use Redis itself.
LOCAL_CACHES = {
    alias: {"BACKEND": "django.core.cache.backends.locmem.LocMemCache", "LOCATION": alias}
    for alias in ("default", "pages", "ratelimit")
}


@pytest.fixture(scope="session", autouse=True)
def _fast_local_settings(tmp_path_factory):
    """A local cache, a quick password hasher (staff sign-ins in tests need no brute-force resistance), and
    pictures stored in a folder of the test run's own."""
    caches_setting = settings.CACHES if settings.REDIS_URL else LOCAL_CACHES
    with override_settings(
        CACHES=caches_setting,
        PASSWORD_HASHERS=["django.contrib.auth.hashers.MD5PasswordHasher"],
        MEDIA_ROOT=tmp_path_factory.mktemp("media"),
    ):
        yield


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches, as a fresh server would."""
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def starter_articles(db):
    """The site's real starter content, loaded as `make run` loads it."""
    load_pictures()
    load_articles()
