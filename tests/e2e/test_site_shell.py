"""A visitor opens Kyozai, switches to Japanese, and signs up — in a real browser."""

import pytest
from playwright.sync_api import expect


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_visitor_switches_the_site_to_japanese(live_server, page):
    page.goto(live_server.url + "/")
    expect(page.get_by_role("heading", level=1)).to_have_text("Kyozai")
    page.get_by_role("link", name="日本語").click()
    expect(page.locator("html")).to_have_attribute("lang", "ja")
    expect(page.get_by_role("link", name="ログイン")).to_be_visible()
    page.get_by_role("link", name="English").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_teacher_signs_up_and_logs_out(live_server, page):
    page.goto(live_server.url + "/accounts/sign-up/")
    page.get_by_label("Username").fill("e2e_alt")
    page.get_by_label("Display name").fill("E2E Sam")
    page.get_by_label("E-mail").fill("e2e@example.jp")
    page.get_by_label("I am a…").select_option("ALT")
    page.get_by_label("Password:", exact=True).fill("a-long-passphrase-1")
    page.get_by_label("Password confirmation").fill("a-long-passphrase-1")
    page.get_by_role("button", name="Sign up").click()
    expect(page.get_by_text("Welcome to Kyozai, E2E Sam!")).to_be_visible()
    page.get_by_role("button", name="Log out").click()
    expect(page.get_by_role("link", name="Log in")).to_be_visible()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_home_page_fits_a_phone_screen(live_server, phone):
    phone.goto(live_server.url + "/")
    page_width = phone.evaluate("document.documentElement.scrollWidth")
    assert page_width <= 375, f"the page scrolls sideways on a phone ({page_width}px)"
    expect(phone.get_by_role("searchbox").first).to_be_visible()
