"""A teacher plans a lesson with the keyboard alone: Tab, Shift+Tab, Enter, arrow keys and
typing, never the mouse. Every control the keyboard lands on shows where the focus is,
and after each htmx swap the focus is somewhere useful, never dropped back to <body>
(where a screen-reader user would have to start the page again).
"""

import re

import pytest
from playwright.sync_api import expect

from lessons.models import LessonStep
from tests.factories.accounts import PASSWORD, TeacherFactory
from tests.factories.lessons import LessonPlanFactory, LessonStepFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

# Most stops between the top of the page and the control we want; a page whose tab order
# loops or skips the control fails here instead of pressing Tab for ever.
MOST_TAB_STOPS = 120

# True when the focused element, or a wrapper that styles it (a chip round a checkbox),
# draws a focus ring: an outline or a box-shadow on the element, an outline on a wrapper.
SHOWS_FOCUS = """(el) => {
    if (!el.matches(":focus-visible")) return false;
    const own = getComputedStyle(el);
    if ((own.outlineStyle !== "none" && parseFloat(own.outlineWidth) > 0)
        || own.boxShadow !== "none") return true;
    for (let node = el.parentElement, depth = 0; node && depth < 3;
         node = node.parentElement, depth++) {
        const style = getComputedStyle(node);
        if (style.outlineStyle !== "none" && parseFloat(style.outlineWidth) > 0) return true;
    }
    return false;
}"""

DESCRIBE_FOCUS = """() => {
    const el = document.activeElement;
    if (!el || el === document.body) return "<body>";
    return el.outerHTML.slice(0, 160);
}"""


def focus_is_shown(page) -> None:
    """The focus is on an element, not lost to <body>, and that element shows it."""
    where = page.evaluate(DESCRIBE_FOCUS)
    assert where != "<body>", "the keyboard focus was lost to <body>"
    assert page.evaluate(f"({SHOWS_FOCUS})(document.activeElement)"), (
        f"the focused element shows no focus ring: {where}"
    )


def tab_to(page, target, key: str = "Tab") -> None:
    """Press Tab (or Shift+Tab) until `target` has the focus, checking every stop on the
    way shows its focus. Past the last control the focus leaves the page for the browser's
    own toolbar (seen from the page: <body>), as it does for any site."""
    for _ in range(MOST_TAB_STOPS):
        page.keyboard.press(key)
        if page.evaluate(DESCRIBE_FOCUS) == "<body>":
            continue
        focus_is_shown(page)
        if target.evaluate("el => el === document.activeElement"):
            return
    pytest.fail(f"{key} never reached {target}; focus ended on {page.evaluate(DESCRIBE_FOCUS)}")


def log_in_with_the_keyboard(page, base_url: str, username: str) -> None:
    page.goto(f"{base_url}/accounts/log-in/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    expect(form.get_by_label("Username")).to_be_focused()  # the form puts you there
    page.keyboard.type(username)
    page.keyboard.press("Tab")
    page.keyboard.type(PASSWORD)
    page.keyboard.press("Enter")
    expect(page.get_by_role("button", name="Log out")).to_be_visible()


def test_a_teacher_plans_a_lesson_with_the_keyboard_alone(live_server, page):
    teacher = TeacherFactory(username="keys_alt", display_name="Sam (ALT)")
    plan = LessonPlanFactory(owner=teacher, title="Weather", grade="JHS2", length_minutes=50)
    LessonStepFactory(plan=plan, position=0, phase="warm_up", title="Greeting", minutes=5)
    log_in_with_the_keyboard(page, live_server.url, "keys_alt")
    page.goto(f"{live_server.url}/lessons/{plan.pk}/")

    # Add a step: phase with the arrow keys, then minutes, a name and both roles.
    adding = page.locator("#add-step-form")
    phase = adding.get_by_label("Phase")
    tab_to(page, phase)
    while phase.input_value() != "production":
        page.keyboard.press("ArrowDown")
    tab_to(page, adding.get_by_label("Minutes"))
    page.keyboard.press("Control+A")
    page.keyboard.type("12")
    tab_to(page, adding.get_by_label(re.compile(r"^Activity")))
    page.keyboard.type("Weather survey")
    tab_to(page, adding.get_by_label("JTE role"))
    page.keyboard.type("Models the question with the ALT.")
    tab_to(page, adding.get_by_label("ALT role"))
    page.keyboard.type("Walks round and helps pairs.")
    tab_to(page, adding.get_by_role("button", name="Add step"))
    page.keyboard.press("Enter")

    survey = page.locator("#steps > li").filter(has_text="Weather survey")
    expect(survey.locator(".step__minutes")).to_have_text("12 min")
    expect(survey.locator(".step__role--alt")).to_contain_text("Walks round and helps pairs.")
    expect(survey).to_be_focused()  # the step just added, ready to be read or moved
    focus_is_shown(page)
    step = LessonStep.objects.get(plan=plan, title="Weather survey")
    assert (step.phase, step.minutes, step.jte_role) == (
        "production",
        12,
        "Models the question with the ALT.",
    )

    # Edit it: Enter on its Edit link opens the form with the focus in its first field.
    tab_to(page, survey.get_by_role("link", name="Edit Weather survey"))
    page.keyboard.press("Enter")
    editing = page.locator(f"#step-{step.pk}.step--editing")
    expect(editing.get_by_label("Phase")).to_be_focused()
    focus_is_shown(page)
    tab_to(page, editing.get_by_label("Minutes"))
    page.keyboard.press("ArrowUp")  # 12 → 13
    tab_to(page, editing.get_by_label("ALT role"))
    page.keyboard.press("End")
    page.keyboard.type(" Collects the answers.")
    tab_to(page, editing.get_by_role("button", name="Save step"))
    page.keyboard.press("Space")
    saved = page.locator(f"#step-{step.pk}:not(.step--editing)")
    expect(saved.locator(".step__role--alt")).to_contain_text("Collects the answers.")
    expect(saved).to_be_focused()
    focus_is_shown(page)
    step.refresh_from_db()
    assert step.minutes == 13
    assert step.alt_role == "Walks round and helps pairs. Collects the answers."

    # Reorder: Move up puts the new step first; the focus stays on its move buttons.
    move_up = saved.get_by_role("button", name="Move “Weather survey” up")
    tab_to(page, move_up)
    page.keyboard.press("Enter")
    expect(page.locator("#steps .step__name")).to_have_text(["Weather survey", "Greeting"])
    expect(page.locator("#steps-announcer")).to_have_text("Moved to position 1 of 2")
    move_down = saved.get_by_role("button", name="Move “Weather survey” down")
    expect(move_down).to_be_focused()  # "up" is disabled at the top
    focus_is_shown(page)
    assert list(plan.steps.values_list("title", flat=True)) == ["Weather survey", "Greeting"]

    # Delete the greeting (Enter on the browser's "Delete this step?" box too): the focus
    # moves to the step that is left rather than vanishing with the deleted one.
    page.once("dialog", lambda dialog: dialog.accept())
    greeting = page.locator("#steps > li").filter(has_text="Greeting")
    tab_to(page, greeting.get_by_role("button", name="Delete Greeting"))
    page.keyboard.press("Enter")
    expect(page.locator("#steps > li")).to_have_count(1)
    expect(saved).to_be_focused()
    focus_is_shown(page)
    assert list(plan.steps.values_list("title", flat=True)) == ["Weather survey"]

    # Back up the page with Shift+Tab to the plan's details, and retitle the plan.
    edit_details = page.locator("#plan-header").get_by_role("link", name="Edit details")
    tab_to(page, edit_details, key="Shift+Tab")
    page.keyboard.press("Enter")
    title = page.locator("#plan-header form").get_by_label("Title")
    expect(title).to_be_focused()
    focus_is_shown(page)
    page.keyboard.press("Control+A")
    page.keyboard.type("Weather and feelings")
    page.keyboard.press("Enter")  # submits the details form
    expect(page.locator("#plan-header h1")).to_have_text("Weather and feelings")
    expect(page.locator("#plan-header").get_by_role("link", name="Edit details")).to_be_focused()
    focus_is_shown(page)
    plan.refresh_from_db()
    assert plan.title == "Weather and feelings"
