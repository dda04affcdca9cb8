"""Real-browser journeys: Playwright for Python driving Debian's Chromium.

Playwright's own browser download cannot work offline, so we launch /usr/bin/chromium
(installed by `make test`) with the flags this sandboxed machine needs. A screenshot of
the page is kept under test-results/ whenever a journey fails.
"""

import os
import shutil
from pathlib import Path

import pytest

# Playwright's sync API runs an event loop in the test thread; Django's live server and
# ORM calls from the test itself are still ordinary synchronous code.
os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
RESULTS = Path(__file__).resolve().parents[2] / "test-results"
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
    "--disable-gpu",
    "--no-first-run",
]


def pytest_collection_modifyitems(items):
    for item in items:
        if "tests/e2e/" in str(item.fspath):
            item.add_marker(pytest.mark.e2e)


@pytest.fixture
def browser():
    """One browser per journey. A browser kept for the whole session keeps Playwright's
    event loop running between tests, and Django's serialized rollback then fails to put
    the migrated content (home page, groups, taxonomy) back for the next journey."""
    if not Path(CHROMIUM).exists():  # pragma: no cover - make test installs it
        pytest.fail("Chromium is missing: run `make test`, which installs Debian's chromium.")
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield browser
        browser.close()


@pytest.hookimpl(wrapper=True)
def pytest_runtest_makereport(item, call):
    report = yield
    if report.when == "call":
        item.stash.setdefault("reports", {})[report.when] = report
    return report


def photograph_if_failed(request, page, name: str = "") -> None:
    """Keep a full-page screenshot in test-results/ when the test's call failed."""
    report = request.node.stash.get("reports", {}).get("call")
    if report is not None and report.failed:
        RESULTS.mkdir(exist_ok=True)
        suffix = f"-{name}" if name else ""
        page.screenshot(path=RESULTS / f"{request.node.name}{suffix}.png", full_page=True)


@pytest.fixture
def page(browser, request):
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="en-GB")
    page = context.new_page()
    yield page
    photograph_if_failed(request, page)
    context.close()


@pytest.fixture
def phone(browser, request):
    context = browser.new_context(
        viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page = context.new_page()
    yield page
    photograph_if_failed(request, page)
    context.close()


@pytest.fixture
def person(browser, request):
    """A factory for more people at the same time, each in their own browser window with
    their own cookies: `alt = person("alt")`. Each window is photographed if the journey
    fails (test-results/<test>-<name>.png)."""
    opened = []

    def open_window(name: str, **options):
        context = browser.new_context(
            **{"viewport": {"width": 1280, "height": 900}, "locale": "en-GB", **options}
        )
        opened.append((name, context))
        return context.new_page()

    yield open_window
    for name, context in opened:
        if context.pages:
            photograph_if_failed(request, context.pages[0], name)
        context.close()


@pytest.fixture(scope="session", autouse=True)
def _no_stray_connections_at_the_end(django_db_setup, django_db_blocker):
    """ORM calls made while Playwright's event loop runs get a database connection in its
    context, which Django never closes; PostgreSQL then refuses to drop the test database
    ("being accessed by other users"). Before the test database is dropped, end them."""
    yield
    from django.db import connections

    with django_db_blocker.unblock():
        for connection in connections.all():
            if connection.vendor != "postgresql":
                continue
            with connection.cursor() as cursor:
                cursor.execute(
                    "SELECT pg_terminate_backend(pid) FROM pg_stat_activity "
                    "WHERE datname = current_database() AND pid <> pg_backend_pid()"
                )


@pytest.fixture(autouse=True)
def print_worker(request):
    """Prints render in the background, so every journey with a live server has the print
    queue worked beside it (tests/printing/worker.py), as `make run` starts a worker."""
    if "live_server" not in request.fixturenames:
        yield None
        return
    request.getfixturevalue("live_server")
    from tests.printing.worker import ThreadWorker

    worker = ThreadWorker().start()
    yield worker
    worker.stop()
