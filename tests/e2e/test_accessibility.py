"""axe-core on the pages teachers use most, in a real browser, in English and Japanese:
no serious or critical WCAG 2 A/AA problem on any of them.

Each page is checked as a teacher meets it: logged in where the page needs it, with its
htmx fragments loaded, and for the lesson editor also with the forms it opens in place.
"""

import pytest
from playwright.sync_api import expect

from lessons.models import Visibility
from tests.e2e.accessibility import assert_accessible, audit_context, blocking_violations
from tests.e2e.conftest import photograph_if_failed
from tests.factories.accounts import PASSWORD, TeacherFactory
from tests.factories.lessons import LessonPlanFactory, LessonStepFactory
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

STEPS = ("steps", {"heading": "How to run it", "steps": ["Hand out the sheets.", "Call words."]})
TIPS = ("tips", {"jte_tip": "Explain the rules in Japanese.", "alt_tip": "Speak slowly."})


@pytest.fixture
def audit(browser, request):
    """A page whose context lets axe-core in despite the Content-Security-Policy,
    photographed into test-results/ when the check fails."""
    context = audit_context(browser)
    page = context.new_page()
    yield page
    photograph_if_failed(request, page)
    context.close()


@pytest.fixture
def content(db):
    """A teacher, a published material that search finds, and a plan with steps."""
    teacher = TeacherFactory(username="a11y_alt", display_name="Sam (ALT)")
    material = MaterialPageFactory(
        title="Weather Bingo",
        title_ja="天気ビンゴ",
        slug="weather-bingo",
        summary="A listening bingo with weather words.",
        summary_ja="天気の単語を使ったリスニングビンゴ。",
        grades=["ES5", "ES6"],
        skills=["listening"],
        activity_types=["game"],
        tags=["weather", "bingo"],
        body=[STEPS, TIPS],
    )
    plan = LessonPlanFactory(
        owner=teacher,
        title="Weather and feelings",
        grade="JHS2",
        goal="Students can ask about the weather.",
        can_do="天気について尋ねることができる。",
        visibility=Visibility.PRIVATE,
    )
    LessonStepFactory(plan=plan, position=0, phase="warm_up", title="Greeting", minutes=5)
    LessonStepFactory(
        plan=plan, position=1, title="Weather bingo", minutes=15, materials=[material]
    )
    return {"teacher": teacher, "material": material, "plan": plan}


def log_in(page, base_url: str, username: str) -> None:
    """By field name rather than label, so it works whichever language the site is in."""
    page.goto(f"{base_url}/accounts/log-in/")
    form = page.locator("main form").filter(has=page.locator("input[name=password]"))
    form.locator("input[name=username]").fill(username)
    form.locator("input[name=password]").fill(PASSWORD)
    form.locator("[type=submit]").click()
    expect(page.locator("input[name=password]")).to_have_count(0)


def in_japanese(page, base_url: str) -> None:
    page.goto(f"{base_url}/language/ja/?next=/")
    expect(page.locator("html")).to_have_attribute("lang", "ja")


def open_settled(page, url: str) -> None:
    """Open the page and wait until its htmx fragments (shelf buttons and so on) are in."""
    page.goto(url)
    page.wait_for_load_state("networkidle")


def test_the_audit_catches_what_it_should(audit):
    """A page with a nameless button, an image without alt text and faint grey text fails:
    so a page that passes has really been checked."""
    audit.set_content(
        '<html lang="en"><head><title>Broken</title></head><body><main>'
        '<img src="data:image/gif;base64,R0lGODlhAQABAAAAACw="><button></button>'
        '<p style="color:#ccc">Faint words</p></main></body></html>'
    )
    found = {violation["id"] for violation in blocking_violations(audit)}
    assert {"button-name", "image-alt", "color-contrast"} <= found
    with pytest.raises(AssertionError, match="button-name"):
        assert_accessible(audit, "a broken page")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_home_page(live_server, audit, content, language):
    if language == "ja":
        in_japanese(audit, live_server.url)
    open_settled(audit, live_server.url + "/")
    assert_accessible(audit, f"the home page ({language})")


def test_search_results(live_server, audit, content):
    open_settled(audit, live_server.url + "/search/?q=bingo")
    expect(audit.get_by_role("link", name="Weather Bingo").first).to_be_visible()
    assert_accessible(audit, "search results")


def test_material_page(live_server, audit, content):
    log_in(audit, live_server.url, "a11y_alt")
    open_settled(audit, live_server.url + content["material"].url)
    expect(audit.get_by_role("heading", level=1)).to_have_text("Weather Bingo")
    assert_accessible(audit, "a material page")


def test_share_form(live_server, audit, content):
    log_in(audit, live_server.url, "a11y_alt")
    open_settled(audit, live_server.url + "/share/")
    expect(audit.locator("main form")).to_be_visible()
    assert_accessible(audit, "the share form")
    # With the errors an empty submission brings.
    audit.locator("main form").get_by_role("button").last.click()
    audit.wait_for_load_state("networkidle")
    assert_accessible(audit, "the share form with errors")


def editor_states(page, base_url: str, plan, where: str) -> None:
    """The editor as it loads, with a step open for editing, and with the header open."""
    open_settled(page, f"{base_url}/lessons/{plan.pk}/")
    expect(page.locator("#steps > li")).to_have_count(2)
    assert_accessible(page, where)
    page.locator("#steps > li").first.get_by_role("link").first.click()
    expect(page.locator(".step--editing")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert_accessible(page, f"{where}, editing a step")
    page.locator("#plan-header").get_by_role("link").first.click()
    expect(page.locator("#plan-header form")).to_be_visible()
    page.wait_for_load_state("networkidle")
    assert_accessible(page, f"{where}, editing the plan details")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_lesson_editor(live_server, audit, content, language):
    if language == "ja":
        in_japanese(audit, live_server.url)
    log_in(audit, live_server.url, "a11y_alt")
    editor_states(audit, live_server.url, content["plan"], f"the lesson editor ({language})")


def test_print_dialog(live_server, audit, content):
    log_in(audit, live_server.url, "a11y_alt")
    open_settled(audit, f"{live_server.url}/lessons/{content['plan'].pk}/print/")
    # Page 1 is printed in the background; the dialog shows it when it is ready.
    expect(audit.locator("#print-preview img")).to_be_visible(timeout=60_000)
    assert_accessible(audit, "the print dialog")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_sign_up(live_server, audit, content, language):
    if language == "ja":
        in_japanese(audit, live_server.url)
    open_settled(audit, live_server.url + "/accounts/sign-up/")
    assert_accessible(audit, f"sign-up ({language})")
    audit.locator("main form").get_by_role("button").last.click()
    audit.wait_for_load_state("networkidle")
    expect(audit.locator(".errorlist").first).to_be_visible()
    assert_accessible(audit, f"sign-up with errors ({language})")


@pytest.mark.parametrize("language", ["en", "ja"])
def test_log_in(live_server, audit, content, language):
    if language == "ja":
        in_japanese(audit, live_server.url)
    open_settled(audit, live_server.url + "/accounts/log-in/")
    assert_accessible(audit, f"log-in ({language})")


def test_coplanning_pages(live_server, audit, content):
    """The co-planners page with the colleague picker, My lessons' week, the bell's list."""
    from accounts.notifications.service import notify
    from schools.models import School, SchoolMembership

    school = School.objects.create(name="Minami JHS", stage="JHS")
    colleague = TeacherFactory(username="a11y_jte", display_name="Tanaka (JTE)")
    for person in (content["teacher"], colleague):
        SchoolMembership.objects.create(school=school, user=person, role="jte")
    notify(
        content["teacher"],
        "lessons.added_to_plan",
        {"inviter": "Tanaka", "plan": "Seasons", "role": "editor"},
        "/lessons/",
    )
    log_in(audit, live_server.url, "a11y_alt")
    open_settled(audit, f"{live_server.url}/lessons/{content['plan'].pk}/co-planners/")
    expect(audit.locator("#colleague-results")).to_contain_text("Tanaka (JTE)")
    assert_accessible(audit, "the co-planners page with the colleague picker")
    open_settled(audit, f"{live_server.url}/lessons/?tab=week")
    assert_accessible(audit, "My lessons, this week")
    open_settled(audit, f"{live_server.url}/accounts/notifications/")
    expect(audit.locator(".notification")).to_have_count(1)
    assert_accessible(audit, "the notifications list")
