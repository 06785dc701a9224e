import pytest

from education.starter_content import load_articles


@pytest.fixture
def starter_articles(db):
    """The site's real starter content, loaded as `make run` loads it."""
    load_articles()
