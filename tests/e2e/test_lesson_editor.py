"""The plan editor in a real browser: reordering steps with the keyboard alone, and two
co-planners saving the same step from two browsers.

These journeys commit, so Django empties the database after each. `serialized_rollback`
puts the migrated content (home page, grades, groups, built-in templates) back before each
of them, and `_leave_the_site_as_found` puts it back after the last one, so journeys in
other files that run later still find the site whole.
"""

import pytest
from django.db import connections
from playwright.sync_api import expect

from accounts.models import User
from lessons.models import LessonStep, MemberRole, PlanMember, Visibility
from lessons.services.editing import add_step, create_plan
from tests.factories.accounts import PASSWORD, UserFactory

_migrated_content: dict[str, str] = {}


@pytest.fixture
def browser(transactional_db, live_server):
    """A browser per test, started after the database is ready and closed before it is
    emptied. (The shared session browser keeps Playwright's event loop running, and Django
    then cannot see the saved migrated content it restores between journeys.)"""
    from playwright.sync_api import sync_playwright

    from tests.e2e.conftest import CHROMIUM, CHROMIUM_ARGS

    for connection in connections.all():
        contents = getattr(connection, "_test_serialized_contents", None)
        if contents:
            _migrated_content[connection.alias] = contents
    with sync_playwright() as playwright:
        chromium = playwright.chromium.launch(executable_path=CHROMIUM, args=CHROMIUM_ARGS)
        yield chromium
        chromium.close()


@pytest.fixture(scope="module", autouse=True)
def _leave_the_site_as_found(django_db_blocker):
    """After the last journey here, put the migrated content back, so journeys in other
    files that run later (and do not restore it themselves) still find the home page."""
    yield
    with django_db_blocker.unblock():
        for alias, contents in _migrated_content.items():
            connections[alias].creation.deserialize_db_from_string(contents)


def log_in(page, base_url, username):
    page.goto(f"{base_url}/accounts/log-in/")
    page.get_by_label("Username").fill(username)
    page.get_by_label("Password").fill(PASSWORD)
    page.get_by_role("button", name="Log in").last.click()
    page.wait_for_load_state()


def three_step_plan(owner: User):
    plan = create_plan(owner, {"title": "Keyboard lesson", "length_minutes": 50})
    for title in ("Greeting", "Drill", "Survey"):
        add_step(plan.pk, owner, {"phase": "practice", "minutes": 10, "title": title})
    return plan


def shown_titles(page) -> list[str]:
    return page.locator("#steps .step__name").all_inner_texts()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_steps_reorder_with_the_keyboard_alone(live_server, page):
    owner = UserFactory(username="kb_jte")
    plan = three_step_plan(owner)
    log_in(page, live_server.url, "kb_jte")
    page.goto(f"{live_server.url}/lessons/{plan.pk}/")
    assert shown_titles(page) == ["Greeting", "Drill", "Survey"]

    # Tab to the first step's "Move down" button and press Enter twice.
    down = page.get_by_role("button", name="Move “Greeting” down")
    down.focus()
    page.keyboard.press("Enter")
    expect(page.locator("#steps .step__name").first).to_have_text("Drill")
    # Focus stays on the moved step's button, so Enter moves it again.
    expect(down).to_be_focused()
    page.keyboard.press("Enter")
    expect(page.locator("#steps .step__name").last).to_have_text("Greeting")
    expect(page.locator("#steps-announcer")).to_have_text("Moved to position 3 of 3")
    # At the bottom "Move down" is disabled, so focus went to "Move up".
    up = page.get_by_role("button", name="Move “Greeting” up")
    expect(up).to_be_focused()
    expect(down).to_be_disabled()
    page.keyboard.press("Enter")
    expect(page.locator("#steps .step__name")).to_have_text(["Drill", "Greeting", "Survey"])
    expect(page.locator("#steps .step__number")).to_have_text(["1", "2", "3"])

    saved = list(LessonStep.objects.filter(plan=plan).values_list("title", flat=True))
    assert saved == ["Drill", "Greeting", "Survey"]
    page.reload()
    assert shown_titles(page) == ["Drill", "Greeting", "Survey"]


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_two_browsers_save_the_same_step(live_server, browser):
    jte_user = UserFactory(username="e2e_jte", display_name="Tanaka (JTE)")
    alt_user = UserFactory(username="e2e_alt", display_name="Sam (ALT)")
    plan = three_step_plan(jte_user)
    PlanMember.objects.create(plan=plan, user=alt_user, role=MemberRole.EDITOR)
    plan.visibility = Visibility.SHARED
    plan.save()
    step = plan.steps.get(title="Drill")

    contexts = [browser.new_context(viewport={"width": 1024, "height": 768}) for _ in range(2)]
    jte, alt = (context.new_page() for context in contexts)
    try:
        for page, username in ((jte, "e2e_jte"), (alt, "e2e_alt")):
            log_in(page, live_server.url, username)
            page.goto(f"{live_server.url}/lessons/{plan.pk}/")
            page.get_by_role("link", name="Edit Drill").click()
            expect(page.locator(f"#step-{step.pk}").get_by_label("ALT role")).to_be_visible()

        jte.locator(f"#step-{step.pk}").get_by_label("ALT role").fill("Sam models the drill first.")
        jte.get_by_role("button", name="Save step").click()
        expect(jte.locator(f"#step-{step.pk} .step__role--alt")).to_contain_text("models the drill")

        alt_form = alt.locator(f"#step-{step.pk}")
        alt_form.get_by_label("ALT role").fill("I walk round and help the back row.")
        alt.get_by_role("button", name="Save step").click()
        alert = alt.get_by_role("alert")
        expect(alert).to_contain_text("Tanaka (JTE) saved changes while you were editing")
        expect(alert).to_contain_text("models the drill first.")
        expect(alt_form.get_by_label("ALT role")).to_have_value(
            "I walk round and help the back row."
        )
        expect(alt.locator(".clash__theirs")).to_have_text("Sam models the drill first.")

        step.refresh_from_db()
        assert step.alt_role == "Sam models the drill first."
        alt.get_by_role("button", name="Save again").click()
        expect(alt.locator(f"#step-{step.pk} .step__role--alt")).to_contain_text("back row")
        step.refresh_from_db()
        assert step.alt_role == "I walk round and help the back row."
    finally:
        for context in contexts:
            context.close()


@pytest.mark.django_db(transaction=True, serialized_rollback=True)
def test_steps_reorder_by_dragging_the_handle(live_server, page):
    owner = UserFactory(username="drag_jte")
    plan = three_step_plan(owner)
    log_in(page, live_server.url, "drag_jte")
    page.goto(f"{live_server.url}/lessons/{plan.pk}/")
    handle = page.locator("#steps > li").first.locator("[data-drag-handle]").bounding_box()
    last = page.locator("#steps > li").last.bounding_box()
    page.mouse.move(handle["x"] + 4, handle["y"] + 4)
    page.mouse.down()
    page.mouse.move(handle["x"] + 4, last["y"] + last["height"] - 4, steps=20)
    page.mouse.up()
    expect(page.locator("#steps .step__name")).to_have_text(["Drill", "Survey", "Greeting"])
    expect(page.locator("#steps-announcer")).to_have_text("Moved to position 3 of 3")
    titles = list(LessonStep.objects.filter(plan=plan).values_list("title", flat=True))
    assert titles == ["Drill", "Survey", "Greeting"]
