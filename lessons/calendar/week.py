"""A teacher's week across schools: Monday to Friday, each day each school, each period —
the class, the unit and "lesson n of N", what the plan asks of the ALT (the steps' ALT
roles) and the linked materials. Built for an ALT visiting two to five schools, shown as
a phone-friendly page and printed on one A4 page.

The week is read in a fixed number of queries whatever the number of schools, classes
and lessons (asserted in tests/calendar/test_week.py): classes, timetables, ALT visits,
bell times, the week's plans, the teacher's memberships on them, their steps and materials.
"""

from __future__ import annotations

import hashlib
from collections import defaultdict
from dataclasses import dataclass, field
from datetime import date, time, timedelta

from lessons.models import LessonPlan, LessonStep
from lessons.services.reading import live_materials_prefetch
from schools.models import ClassTeacher, SchoolRole
from schools.models import academic_year_of as academic_year
from schools.models.timetable import AltVisits, BellTime, TimetablePeriod

from .access import accesses

SCHOOL_DAYS = 5


def monday_of(day: date) -> date:
    return day - timedelta(days=day.weekday())


@dataclass
class WeekLesson:
    """One period of one class on one day: a planned lesson, or a timetable period with
    nothing planned yet."""

    period: int
    school_class: object
    plan: LessonPlan | None = None
    readable: bool = False
    alt_comes: bool = True
    starts_at: time | None = None
    ends_at: time | None = None
    alt_roles: list[str] = field(default_factory=list)
    materials: list = field(default_factory=list)

    @property
    def unit_plan(self):
        return self.plan.unit_plan if self.plan is not None else None

    @property
    def lesson_number(self) -> int | None:
        return self.plan.lesson_number if self.plan is not None else None

    def fingerprint(self) -> str:
        plan = self.plan
        return "|".join(
            str(part)
            for part in (
                self.period,
                self.school_class.pk,
                plan.pk if plan else "",
                plan.version if plan else "",
                self.readable,
                self.alt_comes,
                self.starts_at,
                [m.pk for m in self.materials],
            )
        )


@dataclass
class SchoolDay:
    school: object
    lessons: list[WeekLesson]


@dataclass
class WeekDay:
    day: date
    schools: list[SchoolDay]


@dataclass
class Week:
    monday: date
    days: list[WeekDay]

    @property
    def previous(self) -> date:
        return self.monday - timedelta(days=7)

    @property
    def next(self) -> date:
        return self.monday + timedelta(days=7)

    @property
    def friday(self) -> date:
        return self.monday + timedelta(days=SCHOOL_DAYS - 1)

    @property
    def lesson_count(self) -> int:
        return sum(len(school.lessons) for day in self.days for school in day.schools)

    def version(self) -> str:
        """Changes whenever anything printed changes: the print cache key (printouts)."""
        text = "\n".join(
            f"{day.day}:{school.school.pk}:{lesson.fingerprint()}"
            for day in self.days
            for school in day.schools
            for lesson in school.lessons
        )
        return hashlib.sha256(text.encode()).hexdigest()[:16]


def _classes(user):
    rows = ClassTeacher.objects.filter(user=user).select_related(
        "school_class__school", "school_class__grade"
    )
    classes, roles = {}, defaultdict(set)
    for row in rows:
        classes[row.school_class_id] = row.school_class
        roles[row.school_class_id].add(row.role)
    return classes, roles


def _alt_visits(class_ids) -> dict[int, tuple[AltVisits, set[date]]]:
    visits = AltVisits.objects.filter(school_class_id__in=class_ids).prefetch_related("dates")
    return {v.school_class_id: (v, {d.day for d in v.dates.all()}) for v in visits}


def _plans(class_ids, monday: date) -> list[LessonPlan]:
    return list(
        LessonPlan.objects.filter(
            school_class_id__in=class_ids,
            taught_on__range=(monday, monday + timedelta(days=SCHOOL_DAYS - 1)),
        )
        .select_related("unit_plan")
        .order_by("taught_on", "period", "id")
    )


def _steps_of(plan_ids) -> dict[int, list[LessonStep]]:
    steps = defaultdict(list)
    for step in (
        LessonStep.objects.filter(plan_id__in=plan_ids)
        .order_by("plan_id", "position", "id")
        .prefetch_related(live_materials_prefetch())
    ):
        steps[step.plan_id].append(step)
    return steps


def _fill_from_plan(lesson: WeekLesson, steps: list[LessonStep]) -> None:
    seen = set()
    for step in steps:
        if step.alt_role.strip():
            lesson.alt_roles.append(step.alt_role)
        for material in step.materials.all():
            if material.pk not in seen:
                seen.add(material.pk)
                lesson.materials.append(material)


def build_week(user, day: date) -> Week:
    """The week containing `day` for `user`: every class they teach (ClassTeacher)."""
    monday = monday_of(day)
    classes, roles = _classes(user)
    ids = list(classes)
    patterns = TimetablePeriod.objects.filter(school_class_id__in=ids).patterns()
    visits = _alt_visits(ids)
    bells = {
        (b.school_id, b.period): b
        for b in BellTime.objects.filter(school_id__in={c.school_id for c in classes.values()})
    }
    plans = _plans(ids, monday)
    access = accesses(user, plans)
    readable_ids = [pk for pk, found in access.items() if found is not None]
    steps = _steps_of(readable_ids)

    cells: dict[tuple[date, int, int], WeekLesson] = {}
    for plan in plans:
        key = (plan.taught_on, plan.school_class_id, plan.period or 0)
        if key in cells:  # two plans in one period of one class: show the first
            continue
        lesson = WeekLesson(plan.period or 0, classes[plan.school_class_id], plan)
        lesson.readable = access[plan.pk] is not None
        if lesson.readable:
            _fill_from_plan(lesson, steps[plan.pk])
        cells[key] = lesson
    for offset in range(SCHOOL_DAYS):
        current = monday + timedelta(days=offset)
        for class_id, pattern in patterns.items():
            school_class = classes[class_id]
            if school_class.academic_year != academic_year(current):
                continue
            for period in pattern.periods_on(current.weekday()):
                cells.setdefault((current, class_id, period), WeekLesson(period, school_class))

    for (current, class_id, _period), lesson in cells.items():
        visit = visits.get(class_id)
        lesson.alt_comes = visit is None or visit[0].comes_on(current, visit[1])
        bell = bells.get((lesson.school_class.school_id, lesson.period))
        if bell is not None:
            lesson.starts_at, lesson.ends_at = bell.starts_at, bell.ends_at
    # An ALT sees only the periods they go to; a lesson planned for a day the ALT does not
    # come still shows (someone planned it), marked so.
    alt_only = {cid for cid, found in roles.items() if found == {SchoolRole.ALT}}
    return _arrange(monday, cells, alt_only)


def _arrange(monday: date, cells, alt_only: set[int]) -> Week:
    days = []
    for offset in range(SCHOOL_DAYS):
        current = monday + timedelta(days=offset)
        by_school: dict[int, SchoolDay] = {}
        for (day, class_id, _period), lesson in sorted(
            cells.items(), key=lambda item: (item[0][2], item[1].school_class.name)
        ):
            if day != current:
                continue
            if lesson.plan is None and not lesson.alt_comes and class_id in alt_only:
                continue
            school = lesson.school_class.school
            by_school.setdefault(school.pk, SchoolDay(school, [])).lessons.append(lesson)
        schools = sorted(by_school.values(), key=lambda s: s.school.name)
        days.append(WeekDay(current, schools))
    return Week(monday, days)
