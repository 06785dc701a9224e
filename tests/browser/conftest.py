"""A real Chromium, driven by Playwright, against the site served by pytest-django's live server.

The browser is the system's own (Debian's chromium, or CHROMIUM_PATH), never one Playwright downloads:
`scripts/ensure-chromium.sh` makes sure it is there before the tests run.
"""

import os

import pytest
from django.conf import settings
from playwright.sync_api import sync_playwright
from pytest_django.live_server_helper import LiveServer

CHROMIUM_ARGS = [
    # Root in a container has no user namespaces for Chromium's sandbox.
    "--no-sandbox",
    "--disable-gpu",
    # Keep the browser from calling home, so a run needs no network and cannot hang on one.
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--no-first-run",
    "--disable-quic",
]

# Short enough that a missing element fails fast, long enough for a 2-core CI machine.
TIMEOUT_MS = 10_000


# One browser for the whole browser suite, closed when it ends. Playwright's sync API marks an asyncio loop as
# running in this thread for as long as it is open, so it is closed before the rest of the tests run, and until then
# Django's guard against database calls from async code (a false alarm here: none of our code is async) is lifted.
@pytest.fixture(scope="package")
def browser():
    with pytest.MonkeyPatch.context() as patch, sync_playwright() as playwright:
        patch.setenv("DJANGO_ALLOW_ASYNC_UNSAFE", "true")
        browser = playwright.chromium.launch(
            executable_path=os.environ.get("CHROMIUM_PATH") or "/usr/bin/chromium", args=CHROMIUM_ARGS
        )
        yield browser
        browser.close()


def _left_to_whitenoise(application):
    """Pass /static/ through to the site's own WhiteNoise middleware, which serves the collected files."""
    return application


@pytest.fixture(scope="session")
def live_server(request):
    """pytest-django's live server, serving static files as production does.

    Its default static handler looks files up in the source folders, where the hashed names the manifest storage
    writes into pages (site.<hash>.css) do not exist, so every page would load unstyled. WhiteNoise serves them
    from STATIC_ROOT instead, as under gunicorn, which is why `make test` runs collectstatic first.
    """
    manifest = settings.STATIC_ROOT / "staticfiles.json"
    assert manifest.exists(), f"No {manifest}: run `python manage.py collectstatic` first (make test does)."
    address = request.config.getvalue("liveserver") or os.getenv("DJANGO_LIVE_TEST_SERVER_ADDRESS") or "localhost"
    server = LiveServer(address, start=False)
    server.thread.static_handler = _left_to_whitenoise
    server.start()
    yield server
    server.stop()


@pytest.fixture
def site(live_server, transactional_db, starter_articles):
    """The live site's address, with the starter articles published, as a patient finds it."""
    return live_server.url


def _open(browser, site, **options):
    context = browser.new_context(base_url=site, **options)
    context.set_default_timeout(TIMEOUT_MS)
    return context


@pytest.fixture
def context(browser, site):
    context = _open(browser, site)
    yield context
    context.close()


@pytest.fixture
def page(context):
    return context.new_page()


@pytest.fixture
def no_script_page(browser, site):
    """A browser with JavaScript turned off: the site must work without it."""
    context = _open(browser, site, java_script_enabled=False)
    yield context.new_page()
    context.close()


@pytest.fixture
def narrow_page(browser, site):
    """The narrowest phone screen WCAG's reflow criterion (1.4.10) asks a page to fit without sideways scrolling."""
    context = _open(browser, site, viewport={"width": 320, "height": 640})
    yield context.new_page()
    context.close()
