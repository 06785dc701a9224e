import pytest
from django.apps import apps
from django.conf import settings
from django.core import serializers
from django.core.cache import caches
from django.db import transaction
from django.db.models import F
from django.test.utils import override_settings

from education.models import Article, Picture, Source
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


@pytest.fixture(scope="session")
def _starter_rows(django_db_setup, django_db_blocker):
    """The starter content as `make run` loads it, loaded once and kept as rows: loading renders every article in
    two languages, and many tests need it. The database is left as it was."""
    with django_db_blocker.unblock(), transaction.atomic():
        load_pictures()
        load_articles()
        english_first = Article.objects.order_by(F("translation_of").asc(nulls_first=True), "pk")
        objects = [*Picture.objects.order_by("pk"), *english_first, *Source.objects.order_by("pk")]
        made = {model for model in apps.get_app_config("education").get_models() if model.objects.exists()}
        assert made <= {Picture, Article, Source}, f"the loader made rows not kept here: {made}"
        rows = serializers.serialize("python", objects)
        transaction.set_rollback(True)
    return rows


@pytest.fixture
def starter_articles(db, _starter_rows):
    """The site's real starter content, as `make run` loads it."""
    rows = list(serializers.deserialize("python", _starter_rows))
    links = [(row.object, row.m2m_data or {}) for row in rows]  # saving a row forgets them
    for row in rows:
        row.save(save_m2m=False)
    for saved, m2m in links:  # links between articles, once every article is there
        for name, values in m2m.items():
            getattr(saved, name).set(values)
