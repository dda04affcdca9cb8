"""Scheduling a unit on a class's timetable, bumping a lost lesson, where a class stopped."""

from datetime import date, timedelta

import pytest

from lessons.calendar.schedule import bump, schedule_unit, where_stopped
from lessons.models import LessonPlan, PlanRevision, Visibility
from lessons.services.access import NotAllowed
from schools.models.timetable import TimetablePeriod
from schools.slots import NoTimetable

from .conftest import MONDAY

TUE, THU = MONDAY + timedelta(days=1), MONDAY + timedelta(days=3)
NEXT_TUE, NEXT_THU = TUE + timedelta(days=7), THU + timedelta(days=7)


def slots(plans):
    return [
        (p.taught_on, p.period)
        for p in LessonPlan.objects.filter(pk__in=[p.pk for p in plans]).order_by(
            "taught_on", "period"
        )
    ]


def test_bump_moves_the_lost_lesson_and_every_later_one_keeping_a_gap(year):
    unit = year.unit(year.class_23)
    first = year.lesson(year.class_23, TUE, 3, unit=unit, number=1)
    # Thursday 4 June is left free (a school event): the gap stays after the bump.
    second = year.lesson(year.class_23, NEXT_TUE, 3, unit=unit, number=2)
    third = year.lesson(year.class_23, NEXT_THU, 1, unit=unit, number=3)
    earlier = year.lesson(year.class_23, MONDAY - timedelta(days=6), 3)  # last week's, stays

    moved = bump(year.jte, first)

    assert len(moved) == 3
    first.refresh_from_db(), second.refresh_from_db(), third.refresh_from_db()
    assert (first.taught_on, first.period) == (THU, 1)
    # Across the week boundary: next Tuesday's lesson goes to next Thursday, and so on.
    assert (second.taught_on, second.period) == (NEXT_THU, 1)
    assert (third.taught_on, third.period) == (NEXT_TUE + timedelta(days=7), 3)
    assert [first.lesson_number, second.lesson_number, third.lesson_number] == [1, 2, 3]
    earlier_before = (earlier.taught_on, earlier.period)
    earlier.refresh_from_db()
    assert (earlier.taught_on, earlier.period) == earlier_before


def test_a_bump_is_a_save_of_each_plan(year):
    plan = year.lesson(year.class_23, TUE, 3)
    version = plan.version
    bump(year.jte, plan)
    plan.refresh_from_db()
    assert plan.version == version + 1
    assert plan.last_edited_by == year.jte
    assert PlanRevision.objects.filter(plan=plan).exists()


def test_a_bump_that_would_move_a_plan_someone_cannot_edit_moves_nothing(year):
    mine = year.lesson(year.class_23, TUE, 3)
    theirs = year.lesson(year.class_23, THU, 1, owner=year.alt, visibility=Visibility.PRIVATE)
    with pytest.raises(NotAllowed):
        bump(year.jte, mine)
    assert slots([mine, theirs]) == [(TUE, 3), (THU, 1)]


def test_bump_needs_a_timetable(year):
    plan = year.lesson(year.class_23, TUE, 3)
    TimetablePeriod.objects.filter(school_class=year.class_23).delete()
    with pytest.raises(NoTimetable):
        bump(year.jte, plan)
    plan.refresh_from_db()
    assert (plan.taught_on, plan.period) == (TUE, 3)


def test_scheduling_a_unit_fills_the_next_free_periods_in_lesson_order(year):
    unit = year.unit(year.class_23, count=3)
    lessons = [year.lesson(year.class_23, None, None, unit=unit, number=n) for n in (3, 1, 2)]
    other = year.lesson(year.class_23, THU, 1, title="Another unit")  # Thursday is taken

    moved = schedule_unit(year.jte, unit, MONDAY)

    assert len(moved) == 3
    by_number = {p.lesson_number: p for p in LessonPlan.objects.filter(unit_plan=unit)}
    assert (by_number[1].taught_on, by_number[1].period) == (TUE, 3)
    assert (by_number[2].taught_on, by_number[2].period) == (NEXT_TUE, 3)
    assert (by_number[3].taught_on, by_number[3].period) == (NEXT_THU, 1)
    other.refresh_from_db()
    assert (other.taught_on, other.period) == (THU, 1)
    assert len(lessons) == 3


def test_where_a_class_stopped_is_its_last_taught_lesson(year):
    unit = year.unit(year.class_23, count=8)
    year.lesson(year.class_23, TUE, 3, unit=unit, number=4)
    year.lesson(year.class_23, THU, 1, unit=unit, number=5)
    year.lesson(year.class_23, NEXT_TUE, 3, unit=unit, number=6)

    stop = where_stopped(year.class_23, today=THU)
    assert (stop.unit_title, stop.number, stop.count) == ("Unit 3: My Dream", 5, 8)
    assert where_stopped(year.class_23, today=date(2026, 5, 1)) is None
