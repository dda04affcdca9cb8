"""From one lesson to the school year, in two browsers (issue 15).

A JTE at Minami JHS creates class 2-3 with Sam as its ALT and an 8-lesson unit plan (the
schools pages), sets the class's timetable, schedules the unit from next Monday and bumps
its first lesson when a typhoon closes school. Sam, who also visits Kita JHS, reads his
week across both schools — on a desk and on a phone — and subscribes to his calendar feed:
the .ics parses with the icalendar library and lists his lessons.

Inviting Sam to the plans by his display name is the `coplan` work (issue 15.5), not on
this branch yet: here the JTE's plans show in Sam's week as "planned" with their unit and
lesson n of N, and Sam's feed lists his own lessons.
"""

from datetime import timedelta

import pytest
from django.utils import timezone
from icalendar import Calendar
from playwright.sync_api import expect

from accounts.models import Role
from lessons.models import LessonPlan, Visibility
from library.models import Grade
from schools.models import (
    ClassTeacher,
    School,
    SchoolClass,
    SchoolMembership,
    SchoolRole,
    academic_year_of,
)
from schools.models.timetable import TimetablePeriod
from tests.e2e.journeys_helpers import log_in
from tests.factories.accounts import TeacherFactory

pytestmark = pytest.mark.django_db(transaction=True, serialized_rollback=True)


@pytest.fixture
def schools():
    today = timezone.localdate()
    monday = today + timedelta(days=7 - today.weekday())  # next Monday
    jte = TeacherFactory(username="tanaka_jte", display_name="Tanaka (JTE)", role=Role.JTE)
    alt = TeacherFactory(username="sam_alt", display_name="Sam (ALT)", role=Role.ALT)
    minami = School.objects.create(name="Minami JHS", stage="JHS")
    kita = School.objects.create(name="Kita JHS", stage="JHS")
    SchoolMembership.objects.create(school=minami, user=jte, role=SchoolRole.JTE)
    for school in (minami, kita):
        SchoolMembership.objects.create(school=school, user=alt, role=SchoolRole.ALT)
    # Sam's other school: class 1-A on Wednesdays, 2nd period, one lesson of his own.
    kita_1a = SchoolClass.objects.create(
        school=kita,
        academic_year=academic_year_of(monday),
        grade=Grade.objects.get(code="JHS1"),
        name="1-A",
    )
    ClassTeacher.objects.create(school_class=kita_1a, user=alt, role=SchoolRole.ALT)
    TimetablePeriod.objects.create(school_class=kita_1a, weekday=2, period=2)
    LessonPlan.objects.create(
        owner=alt,
        title="Hello song and bingo",
        length_minutes=50,
        school_class=kita_1a,
        taught_on=monday + timedelta(days=2),
        period=2,
        visibility=Visibility.PRIVATE,
    )
    return {"monday": monday, "jte": jte, "alt": alt, "minami": minami}


def jte_plans_the_unit(page, base: str, found: dict) -> SchoolClass:
    log_in(page, base, "tanaka_jte")
    page.goto(f"{base}/schools/{found['minami'].pk}/classes/new/")
    page.locator("[name=name]").fill("2-3")
    page.locator("[name=grade]").select_option(str(Grade.objects.get(code="JHS2").pk))
    page.locator("[name=lead_teacher]").select_option(str(found["jte"].pk))
    page.locator(f"[name=alts][value='{found['alt'].pk}']").check()
    page.get_by_role("button", name="Save the class").click()
    expect(page.get_by_text("Class saved.")).to_be_visible()
    school_class = SchoolClass.objects.get(school=found["minami"], name="2-3")

    page.goto(f"{base}/lessons/classes/{school_class.pk}/units/new/")
    page.locator("[name=title]").fill("Unit 3: My Dream")
    page.locator("[name=lesson_count]").fill("8")
    page.get_by_role("button", name="Save the unit plan").click()
    expect(page.get_by_role("heading", name="Unit 3: My Dream")).to_be_visible()
    return school_class


def test_a_jte_schedules_a_unit_and_the_alt_reads_the_week(live_server, schools, browser, person):
    base = live_server.url
    jte = person("jte")
    school_class = jte_plans_the_unit(jte, base, schools)

    # The timetable: Tuesday 3rd and Thursday 1st period.
    jte.goto(f"{base}/calendar/classes/{school_class.pk}/")
    jte.get_by_role("link", name="Edit the timetable and ALT visits").click()
    jte.get_by_label("Tuesday 3").check()
    jte.get_by_label("Thursday 1").check()
    jte.get_by_role("button", name="Save the timetable").click()
    expect(jte.get_by_text("Timetable saved.")).to_be_visible()

    # Schedule the unit from next Monday: eight lessons on eight periods.
    monday = schools["monday"]
    jte.get_by_label("Unit plan").select_option(label="Unit 3: My Dream")
    jte.get_by_label("From").fill(monday.isoformat())
    jte.get_by_role("button", name="Schedule").click()
    expect(jte.get_by_text("8 lessons scheduled.")).to_be_visible()
    expect(jte.get_by_role("button", name="Bump")).to_have_count(8)
    first = LessonPlan.objects.get(school_class=school_class, lesson_number=1)
    assert (first.taught_on, first.period) == (monday + timedelta(days=1), 3)

    # A typhoon on Tuesday: bump lesson 1, and every later lesson moves one period on.
    jte.get_by_role("button", name="Bump").first.click()
    expect(jte.get_by_text("8 lessons moved one period later.")).to_be_visible()
    moved = list(
        LessonPlan.objects.filter(school_class=school_class)
        .order_by("lesson_number")
        .values_list("lesson_number", "taught_on", "period")
    )
    assert moved[0] == (1, monday + timedelta(days=3), 1)
    assert moved[1] == (2, monday + timedelta(days=8), 3)
    assert [number for number, _day, _period in moved] == list(range(1, 9))

    # Sam's week: both schools, the unit and lesson n of N, the free Tuesday period.
    alt = person("alt")
    log_in(alt, base, "sam_alt")
    alt.goto(f"{base}/calendar/week/{monday.isoformat()}/")
    thursday = alt.locator(".week-day").nth(3)
    expect(thursday.get_by_role("heading", name="Minami JHS")).to_be_visible()
    expect(thursday.get_by_text("Unit 3: My Dream · lesson 1 of 8")).to_be_visible()
    expect(alt.locator(".week-day").nth(1).get_by_text("Nothing planned yet")).to_be_visible()
    wednesday = alt.locator(".week-day").nth(2)
    expect(wednesday.get_by_role("heading", name="Kita JHS")).to_be_visible()
    expect(wednesday.get_by_role("link", name="Hello song and bingo")).to_be_visible()

    # The calendar feed: the address from the subscribe page, fetched as a calendar app would.
    alt.get_by_role("link", name="Add to my calendar app").click()
    address = alt.get_by_label("Your private calendar address").input_value()
    response = alt.context.request.get(address)
    assert response.ok
    calendar = Calendar.from_ical(response.body())
    summaries = [str(event["summary"]) for event in calendar.walk("VEVENT")]
    assert any(summary.startswith("Hello song and bingo · 1-A") for summary in summaries)

    # On a phone the week stacks its days and nothing runs off the side.
    phone = browser.new_context(
        viewport={"width": 375, "height": 740},
        is_mobile=True,
        storage_state=alt.context.storage_state(),  # Sam, already signed in
    )
    phone_page = phone.new_page()
    phone_page.goto(f"{base}/calendar/week/{monday.isoformat()}/")
    expect(phone_page.get_by_text("Unit 3: My Dream · lesson 1 of 8")).to_be_visible()
    overflow = phone_page.evaluate("document.documentElement.scrollWidth - window.innerWidth")
    assert overflow <= 1
    phone.close()
