"""The slot arithmetic under "bump" and "schedule a unit": no database."""

from datetime import date

import pytest

from schools.slots import NoTimetable, Slot, WeeklyPattern, shifted_by_one

# Tuesday 3rd period and Thursday 1st period.
TUE_THU = WeeklyPattern.of([(1, 3), (3, 1)])
TUE = date(2026, 6, 2)  # a Tuesday
THU = date(2026, 6, 4)


def test_the_next_slot_is_later_the_same_day_or_a_later_day():
    assert TUE_THU.next_after(Slot(TUE, 1)) == Slot(TUE, 3)
    assert TUE_THU.next_after(Slot(TUE, 3)) == Slot(THU, 1)
    # Across the weekend into the next week.
    assert TUE_THU.next_after(Slot(THU, 1)) == Slot(date(2026, 6, 9), 3)


def test_a_class_without_a_timetable_has_no_next_slot():
    with pytest.raises(NoTimetable):
        WeeklyPattern.of([]).next_after(Slot(TUE, 1))


def test_consecutive_slots_start_on_the_first_day_when_it_is_a_slot():
    assert TUE_THU.slots_from(Slot(TUE, 3), 3) == [
        Slot(TUE, 3),
        Slot(THU, 1),
        Slot(date(2026, 6, 9), 3),
    ]
    assert TUE_THU.slots_from(Slot(TUE, 1), 1) == [Slot(TUE, 3)]


def test_shifting_keeps_a_gap_and_crosses_the_week():
    lessons = [Slot(TUE, 3), Slot(date(2026, 6, 9), 3)]  # Thursday 4 June left free
    assert shifted_by_one(TUE_THU, lessons) == [Slot(THU, 1), Slot(date(2026, 6, 11), 1)]


def test_a_lesson_moved_off_the_timetable_never_lands_on_the_next_one():
    # Lesson 1 was moved by hand to Wednesday 2nd period; lesson 2 is on Thursday 1st.
    lessons = [Slot(date(2026, 6, 3), 2), Slot(THU, 1)]
    moved = shifted_by_one(TUE_THU, lessons)
    assert moved == [Slot(THU, 1), Slot(date(2026, 6, 9), 3)]
    assert len(set(moved)) == len(moved)


def test_the_end_of_the_calendar_is_no_slot_rather_than_an_error():
    with pytest.raises(NoTimetable):
        TUE_THU.next_after(Slot(date.max, 1))
