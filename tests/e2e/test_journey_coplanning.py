"""A JTE and an ALT plan a lesson together, in two browsers, and print it.

The JTE creates the plan, adds timed steps with the JTE's and the ALT's roles, links a
library material found with the step editor's search, and invites the ALT as an editor.
Both then change the lesson goal at the same moment: the second save is stopped, the
colleague's change is shown, and not a word the ALT typed is lost. Finally the JTE prints
the plan as the English team-teaching plan and as a 学習指導案 and reads the PDFs.
"""

from pathlib import Path

import pytest
from playwright.sync_api import expect

from accounts.models import Role
from schools.models import School, SchoolMembership
from tests.e2e.journeys_helpers import log_in, pdf_text
from tests.factories.accounts import TeacherFactory
from tests.factories.library import MaterialPageFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)

TITLE = "Weekend plans with be going to"
JTE_GOAL = "Students can say what they are going to do this weekend."
ALT_GOAL = "Students ask a partner about their weekend and answer in full sentences."


@pytest.fixture
def team():
    jte = TeacherFactory(username="tanaka_jte", display_name="Tanaka (JTE)", role=Role.JTE)
    alt = TeacherFactory(username="sam_alt", display_name="Sam (ALT)", role=Role.ALT)
    school = School.objects.create(name="Minami JHS", stage="JHS")
    SchoolMembership.objects.create(school=school, user=jte, role="jte")
    SchoolMembership.objects.create(school=school, user=alt, role="alt")
    MaterialPageFactory(
        title="Weekend plans survey",
        slug="weekend-plans-survey",
        title_ja="週末の予定アンケート",
        summary="A find-someone-who grid with be going to.",
        grades=["JHS2"],
        activity_types=["worksheet"],
        duration_minutes=20,
    )


def add_step(page, phase, minutes, name, students, jte, alt, material=None):
    """Fill the "Add a step" form as a teacher would, linking a material if asked."""
    form = page.locator("#add-step")
    form.get_by_label("Phase:", exact=True).select_option(label=phase)
    form.get_by_label("Minutes:", exact=True).fill(str(minutes))
    form.get_by_label("Activity:", exact=True).fill(name)
    form.get_by_label("Student activity").fill(students)
    form.get_by_label("JTE role").fill(jte)
    form.get_by_label("ALT role").fill(alt)
    if material:
        form.get_by_role("searchbox", name="Find a material in the library").fill("survey")
        results = form.locator(".material-results")
        expect(results).to_contain_text("1 material found")
        results.get_by_role("button", name=f"Link {material}").click()
        expect(form.get_by_role("checkbox", name=material)).to_be_checked()
    form.get_by_role("button", name="Add step").click()
    expect(page.locator("#steps .step__name").last).to_have_text(name)


def create_the_plan(jte, base_url: str) -> None:
    log_in(jte, base_url, "tanaka_jte")
    jte.get_by_role("navigation", name="Main").get_by_role("link", name="My lessons").click()
    jte.get_by_role("link", name="New lesson plan").click()
    jte.get_by_label("Title").fill(TITLE)
    jte.get_by_label("Grade").select_option(label="Junior high 2")
    jte.get_by_role("button", name="Create the plan").click()
    expect(jte.get_by_role("heading", level=1)).to_have_text(TITLE)
    expect(jte.locator("#minutes-bar")).to_contain_text("0 of 50 minutes planned")

    add_step(
        jte,
        "Warm-up",
        5,
        "Small talk",
        "Answer the ALT's questions about last weekend.",
        "Greets the class and writes the date.",
        "Asks three students about their weekend.",
    )
    add_step(
        jte,
        "Practice",
        20,
        "Weekend survey",
        "Walk around and fill in the survey grid.",
        "Models the question with the ALT.",
        "Helps the back row with follow-up questions.",
        material="Weekend plans survey",
    )
    expect(jte.locator("#minutes-bar")).to_contain_text("25 of 50 minutes planned")
    survey = jte.locator("#steps > li").filter(has_text="Weekend survey")
    expect(survey.locator(".step__minutes")).to_have_text("20 min")
    expect(survey.locator(".step__role--jte")).to_contain_text("Models the question")
    expect(survey.locator(".step__role--alt")).to_contain_text("Helps the back row")
    expect(survey.get_by_role("link", name="Weekend plans survey")).to_have_attribute(
        "href", "/library/weekend-plans-survey/"
    )


def invite_the_alt(jte) -> None:
    jte.get_by_role("link", name="Share", exact=True).click()
    expect(jte.get_by_role("heading", level=1)).to_have_text("Co-planners")
    # Picked from the teachers of the JTE's school by display name, typed loosely.
    jte.get_by_label("Name, display name or e-mail").fill("sam (alt")
    picker = jte.locator("#colleague-results")
    expect(picker.locator(".colleague")).to_have_count(1)
    expect(picker).to_contain_text("Sam (ALT)")
    picker.get_by_role("button", name="Invite as editor").click()
    expect(jte.locator(".member-list")).to_contain_text("Sam (ALT)")
    expect(jte.get_by_label("Role of Sam (ALT)")).to_have_value("editor")


def open_the_shared_plan(alt, base_url: str) -> None:
    log_in(alt, base_url, "sam_alt")
    # The bell says someone added them; My lessons opens on the plan shared with them.
    expect(alt.locator("#notification-bell .bell__count")).to_contain_text("1")
    alt.get_by_role("link", name="My lessons").click()
    shared = alt.locator("section").filter(has=alt.get_by_role("heading", name="Shared with me"))
    shared.get_by_role("link", name=TITLE).click()
    expect(alt.get_by_role("heading", level=1)).to_have_text(TITLE)
    role = "You are an editor of Tanaka (JTE)’s plan."  # noqa: RUF001 - as the page says
    expect(alt.get_by_text(role)).to_be_visible()


def start_editing_the_goal(page):
    page.get_by_role("link", name="Edit details").click()
    goal = page.get_by_label("Lesson goal")
    expect(goal).to_be_visible()
    return goal


def download_pdf(page, layout: str) -> tuple[str, str]:
    """Choose a layout in the print dialog, download the PDF; (file name, its text)."""
    page.get_by_role("radio", name=layout, exact=True).check()
    # The PDF is printed in the background: its progress page downloads it when ready.
    with page.expect_download(timeout=90_000) as downloading:
        page.get_by_role("button", name="Download the PDF").click()
    download = downloading.value
    return download.suggested_filename, pdf_text(Path(download.path()).read_bytes())


def test_jte_and_alt_plan_together_clash_once_and_print(live_server, team, person):
    jte = person("jte")
    alt = person("alt")
    create_the_plan(jte, live_server.url)
    invite_the_alt(jte)
    jte.get_by_role("link", name=f"← Back to “{TITLE}”").click()
    open_the_shared_plan(alt, live_server.url)

    # The ALT edits the plan: their own role in the survey step.
    survey = alt.locator("#steps > li").filter(has_text="Weekend survey")
    survey.get_by_role("link", name="Edit Weekend survey").click()
    survey = alt.locator("#steps > li").filter(has=alt.get_by_label("ALT role"))
    survey.get_by_label("ALT role").fill("Walks round with a timer and helps the back row.")
    survey.get_by_role("button", name="Save step").click()
    expect(alt.locator("#steps .step__role--alt").last).to_contain_text("with a timer")

    # Both open the plan details at once and change the lesson goal.
    jte.reload()
    jte_goal = start_editing_the_goal(jte)
    alt_goal = start_editing_the_goal(alt)
    jte_goal.fill(JTE_GOAL)
    alt_goal.fill(ALT_GOAL)
    jte.get_by_role("button", name="Save details").click()
    expect(jte.locator(".plan-goals")).to_contain_text(JTE_GOAL)

    alt.get_by_role("button", name="Save details").click()
    alert = alt.get_by_role("alert")
    expect(alert).to_contain_text("Tanaka (JTE) saved changes while you were editing")
    expect(alert).to_contain_text("Students can say what they are going to do")
    expect(alt.get_by_label("Lesson goal")).to_have_value(ALT_GOAL)  # nothing typed is lost
    expect(alt.locator(".clash__theirs")).to_have_text(JTE_GOAL)
    alt.get_by_role("radio", name="Keep both (mine first, then theirs)").check()
    alt.get_by_role("button", name="Save again").click()
    expect(alt.locator(".plan-goals")).to_contain_text(ALT_GOAL)
    jte.reload()
    expect(jte.locator(".plan-goals")).to_contain_text(ALT_GOAL)
    expect(jte.locator(".plan-goals")).to_contain_text(JTE_GOAL)

    # Printing: the dialog, then the two layouts as downloaded PDFs.
    jte.get_by_role("link", name="Print").click()
    expect(jte.get_by_role("heading", level=1)).to_have_text("Print the lesson plan")
    # Page 1 is printed in the background; the dialog shows it when it is ready.
    expect(jte.get_by_role("img", name="Preview of page 1 of the plan")).to_be_visible(
        timeout=60_000
    )

    name, text = download_pdf(jte, "Team-teaching plan (English)")
    assert name == f"{TITLE} team-teaching.pdf"
    flat = " ".join(text.split())
    assert TITLE in flat
    for words in ("Small talk", "Weekend survey", "Models the question with the ALT."):
        assert words in flat, words
    assert "Weekend plans survey" in flat  # the linked material

    name, text = download_pdf(jte, "学習指導案 略案")  # exactly: the one-page A4 略案 is another
    assert name == f"{TITLE} 略案.pdf"
    flat = " ".join(text.split())
    assert TITLE in flat
    assert "学習指導案" in flat
    assert "本時の目標" in flat
    assert "Students ask a partner" in flat
