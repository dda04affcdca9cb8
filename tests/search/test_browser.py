"""A teacher searching in a real browser (Playwright driving Debian's Chromium): facets
that update without a reload, the same page without JavaScript, the header box's
suggestions by keyboard, and a phone screen."""

import os
import shutil
from pathlib import Path

import pytest

from tests.factories.library import MaterialPageFactory

os.environ.setdefault("DJANGO_ALLOW_ASYNC_UNSAFE", "true")

CHROMIUM = shutil.which("chromium") or "/usr/bin/chromium"
ARGS = ["--no-sandbox", "--disable-background-networking", "--disable-gpu", "--no-first-run"]

pytestmark = [
    pytest.mark.e2e,
    # serialized_rollback: the seeded sections and taxonomy survive the flush between tests.
    pytest.mark.django_db(transaction=True, serialized_rollback=True),
    pytest.mark.skipif(not Path(CHROMIUM).exists(), reason="Chromium is not installed"),
]


@pytest.fixture
def browser():
    """Per test: with Playwright's event loop running, Django skips restoring the seeded
    rows between transactional tests, so the browser must not outlive a test."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=CHROMIUM, args=ARGS)
        yield browser
        browser.close()


def open_page(browser, **options):
    context = browser.new_context(**{"viewport": {"width": 1280, "height": 900}, **options})
    return context, context.new_page()


@pytest.fixture
def shelf(db):
    # Committed for real (transaction=True), so the search signals index them.
    MaterialPageFactory(title="Fruit bingo", title_ja="フルーツビンゴ", grades=["ES3"])
    MaterialPageFactory(title="Animal bingo", title_ja="動物ビンゴ", grades=["ES5"])
    MaterialPageFactory(title="Weather bingo", title_ja="天気ビンゴ", grades=["ES5"])


def test_ticking_a_facet_updates_results_and_counts_without_a_reload(live_server, shelf, browser):
    from playwright.sync_api import expect

    context, page = open_page(browser)
    page.goto(f"{live_server.url}/search/?q=bingo")
    expect(page.get_by_role("status").first).to_contain_text("3 results")
    page.evaluate("window.stillTheSamePage = true")
    page.get_by_label("Elementary 5 (2)").check()
    expect(page.locator("#search-status")).to_contain_text("2 results")
    expect(page.locator(".hit")).to_have_count(2)
    assert page.evaluate("window.stillTheSamePage") is True  # htmx swapped, no reload
    assert "grade=ES5" in page.url  # and the URL can be bookmarked or shared
    expect(page.locator("#facet-grade-es5")).to_be_focused()  # focus survives the swap
    page.go_back()
    expect(page.locator(".hit")).to_have_count(3)
    context.close()


def test_without_javascript_the_apply_button_filters(live_server, shelf, browser):
    from playwright.sync_api import expect

    context, page = open_page(browser, java_script_enabled=False)
    page.goto(f"{live_server.url}/search/?q=bingo")
    page.get_by_label("Elementary 3 (1)").check()
    page.get_by_role("button", name="Apply filters").click()
    expect(page.locator(".hit")).to_have_count(1)
    expect(page.locator(".hit__title")).to_have_text("Fruit bingo")
    assert "grade=ES3" in page.url
    context.close()


def test_header_suggestions_by_keyboard(live_server, shelf, browser):
    from playwright.sync_api import expect

    context, page = open_page(browser)
    page.goto(f"{live_server.url}/")
    box = page.locator("#site-search-q")
    box.click()
    box.press_sequentially("天気", delay=50)
    suggestion = page.locator("#site-search-suggestions a", has_text="Weather bingo")
    expect(suggestion).to_be_visible()
    box.press("ArrowDown")
    expect(suggestion).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.get_by_role("heading", level=1)).to_contain_text("Weather bingo")
    context.close()


def test_the_search_page_fits_a_phone(live_server, shelf, browser):
    from playwright.sync_api import expect

    context, page = open_page(
        browser, viewport={"width": 375, "height": 740}, is_mobile=True, has_touch=True
    )
    page.goto(f"{live_server.url}/search/?q=bingo")
    width = page.evaluate("document.documentElement.scrollWidth")
    assert width <= 375, f"the page scrolls sideways on a phone ({width}px)"
    filters = page.locator("details.search-filters")
    expect(filters).not_to_have_attribute("open", "")  # folded: results come first
    page.get_by_text("Show or hide filters").click()
    expect(page.get_by_label("Elementary 5 (2)")).to_be_visible()
    context.close()
