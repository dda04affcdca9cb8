"""An ALT's week across schools: what it shows, what it hides, and that it is read in a
fixed number of queries whatever the number of classes and lessons."""

from datetime import date, timedelta

from lessons.calendar.week import build_week
from lessons.models import LessonStep, Visibility
from schools.models import ClassTeacher, SchoolClass, SchoolRole
from schools.models.timetable import AltVisits, TimetablePeriod, VisitPattern
from tests.factories.library import MaterialPageFactory

from .conftest import MONDAY

TUE, WED = MONDAY + timedelta(days=1), MONDAY + timedelta(days=2)


def lessons_on(week, day):
    found = next(d for d in week.days if d.day == day)
    return {
        (school.school.name, lesson.period): lesson
        for school in found.schools
        for lesson in school.lessons
    }


def test_the_week_shows_each_school_each_period_with_the_unit_and_the_alt_role(year):
    unit = year.unit(year.class_23, count=8)
    plan = year.lesson(year.class_23, TUE, 3, unit=unit, number=2, title="Dreams, part 2")
    material = MaterialPageFactory(title="Dream job bingo")
    step = LessonStep.objects.create(
        plan=plan, phase="practice", minutes=10, alt_role="Model the dialogue; <b>walk</b> around"
    )
    step.materials.add(material)

    week = build_week(year.alt, WED)  # any day of the week

    assert week.monday == MONDAY
    tuesday = lessons_on(week, TUE)
    lesson = tuesday[("Minami JHS", 3)]
    assert lesson.plan == plan
    assert lesson.readable
    assert (lesson.unit_plan.title, lesson.lesson_number, lesson.unit_plan.lesson_count) == (
        "Unit 3: My Dream",
        2,
        8,
    )
    assert lesson.alt_roles == ["Model the dialogue; <b>walk</b> around"]
    assert [m.title for m in lesson.materials] == ["Dream job bingo"]
    # The other school's timetable period, with nothing planned yet.
    wednesday = lessons_on(week, WED)
    assert wednesday[("Kita JHS", 2)].plan is None


def test_a_plan_not_shared_with_the_alt_shows_as_planned_without_its_contents(year):
    plan = year.lesson(year.class_23, TUE, 3, visibility=Visibility.PRIVATE, title="Secret")
    LessonStep.objects.create(plan=plan, phase="practice", minutes=10, alt_role="hidden role")
    lesson = lessons_on(build_week(year.alt, MONDAY), TUE)[("Minami JHS", 3)]
    assert lesson.plan == plan
    assert not lesson.readable
    assert lesson.alt_roles == []


def test_alternate_weeks_leave_out_the_weeks_the_alt_does_not_come(year):
    AltVisits.objects.create(
        school_class=year.class_1a, pattern=VisitPattern.ALTERNATE_WEEKS, first_week=MONDAY
    )
    assert ("Kita JHS", 2) in lessons_on(build_week(year.alt, MONDAY), WED)
    following = build_week(year.alt, MONDAY + timedelta(days=7))
    assert ("Kita JHS", 2) not in lessons_on(following, WED + timedelta(days=7))
    # The JTE's week is not the ALT's: the JTE is not on Kita's class at all.
    assert lessons_on(build_week(year.jte, MONDAY), WED) == {}


def test_a_stranger_sees_nothing_of_the_schools(year):
    year.lesson(year.class_23, TUE, 3)
    assert build_week(year.stranger, MONDAY).lesson_count == 0


def _more_classes(year, count: int, start: int = 0) -> None:
    for n in range(start, start + count):
        school_class = SchoolClass.objects.create(
            school=year.minami if n % 2 else year.kita,
            academic_year=2026,
            grade=year.class_23.grade,
            name=f"3-{n}",
        )
        ClassTeacher.objects.create(school_class=school_class, user=year.alt, role=SchoolRole.ALT)
        TimetablePeriod.objects.create(school_class=school_class, weekday=n % 5, period=n % 6 + 1)
        AltVisits.objects.create(
            school_class=school_class, pattern=VisitPattern.CHOSEN_DATES
        ).dates.create(day=MONDAY + timedelta(days=n % 5))
        unit = year.unit(school_class, count=4)
        plan = year.lesson(
            school_class, MONDAY + timedelta(days=n % 5), n % 6 + 1, unit=unit, number=1
        )
        step = LessonStep.objects.create(plan=plan, phase="practice", minutes=5, alt_role="x")
        step.materials.add(MaterialPageFactory(title=f"Game {n}"))


def test_the_week_reads_a_fixed_number_of_queries(year, django_assert_max_num_queries):
    _more_classes(year, 2)
    with django_assert_max_num_queries(10) as small:
        build_week(year.alt, MONDAY)
    _more_classes(year, 12, start=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        week = build_week(year.alt, MONDAY)
    assert week.lesson_count >= 14


def test_the_week_page_lists_the_lessons_in_bounded_queries(
    year, client, django_assert_max_num_queries
):
    _more_classes(year, 2)
    client.force_login(year.alt)
    client.get("/calendar/week/2026-06-01/")  # warm the site-root cache of page URLs
    with django_assert_max_num_queries(40) as small:
        client.get("/calendar/week/2026-06-01/")
    _more_classes(year, 12, start=2)
    with django_assert_max_num_queries(len(small.captured_queries)):
        response = client.get("/calendar/week/2026-06-01/")
    assert response.status_code == 200
    assert "Game 11" in response.content.decode()


def test_the_week_page_escapes_what_teachers_wrote(year, client):
    plan = year.lesson(year.class_23, TUE, 3, title="<script>alert(1)</script>")
    LessonStep.objects.create(plan=plan, phase="practice", minutes=5, alt_role="<img src=x>")
    client.force_login(year.alt)
    html = client.get("/calendar/week/2026-06-02/").content.decode()
    assert "<script>alert(1)" not in html
    assert "&lt;script&gt;alert(1)" in html
    assert "<img src=x>" not in html


def test_a_bad_week_is_not_found(year, client):
    client.force_login(year.alt)
    assert client.get("/calendar/week/2026-13-01/").status_code == 404
    assert date(2026, 6, 1).weekday() == 0
