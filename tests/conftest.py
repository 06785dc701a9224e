import pytest
from django.core.cache import caches

from education.starter_content import load_articles


@pytest.fixture(autouse=True)
def _empty_caches():
    """Each test starts with empty caches, as a fresh server would."""
    for cache in caches.all():
        cache.clear()
    yield


@pytest.fixture
def starter_articles(db):
    """The site's real starter content, loaded as `make run` loads it."""
    load_articles()
