"""The calendar in the JSON API (/api/v1/calendar/): a teacher's week, a class's calendar,
bump and schedule, and the teacher's private feed address. The same rules as the pages:
a class is 404 to anyone outside its school, a plan the teacher cannot open is listed as
planned without its contents, moving a lesson needs edit rights on every plan it moves.
"""

from __future__ import annotations

from datetime import date

from django.http import HttpRequest
from ninja import Router, Schema, Status
from ninja.security import django_auth

from common.api_errors import BadInput, refusals
from lessons.models import UnitPlan
from schools.models.timetable import weekly_pattern
from schools.slots import NoTimetable

from .access import accesses, visible_class
from .feed_tokens import feed_for, renew
from .schedule import bump, schedule_unit, scheduled_lessons, where_stopped
from .views.feed import feed_address
from .week import build_week

router = Router(tags=["calendar"], auth=django_auth)


class CalendarLessonOut(Schema):
    date: date
    period: int
    school: str
    school_class_id: int
    school_class: str
    plan_id: int | None = None
    title: str | None = None  # None when the plan is not shared with you
    unit: str | None = None
    lesson_number: int | None = None
    lesson_count: int | None = None
    alt_comes: bool = True
    alt_roles: list[str] = []
    materials: list[str] = []


class CalendarWeekOut(Schema):
    monday: date
    lessons: list[CalendarLessonOut]


class TimetableSlotOut(Schema):
    weekday: int
    period: int


class ClassStopOut(Schema):
    date: date
    unit: str
    lesson_number: int | None = None
    lesson_count: int | None = None


class ClassCalendarOut(Schema):
    id: int
    name: str
    school: str
    timetable: list[TimetableSlotOut]
    stopped: ClassStopOut | None = None
    lessons: list[CalendarLessonOut]


class BumpLessonIn(Schema):
    plan: int


class ScheduleUnitIn(Schema):
    unit_plan: int
    start: date


class MovedLessonOut(Schema):
    plan_id: int
    date: date
    period: int


class CalendarFeedOut(Schema):
    address: str


def _lesson(plan, readable: bool, school_class, **extra) -> dict:
    unit = plan.unit_plan if plan is not None else None
    return {
        "date": plan.taught_on,
        "period": plan.period or 0,
        "school": school_class.school.name,
        "school_class_id": school_class.pk,
        "school_class": school_class.name,
        "plan_id": plan.pk,
        "title": plan.title if readable else None,
        "unit": unit.title if unit else None,
        "lesson_number": plan.lesson_number,
        "lesson_count": unit.lesson_count if unit else None,
        **extra,
    }


@router.get(
    "/week/",
    response={200: CalendarWeekOut, **refusals(400, 401)},
    summary="A teacher's week across schools (Monday to Friday of the week of `day`)",
)
def week(request: HttpRequest, day: date | None = None):
    from django.utils import timezone

    found = build_week(request.user, day or timezone.localdate())
    lessons = []
    for week_day in found.days:
        for school_day in week_day.schools:
            for lesson in school_day.lessons:
                base = {
                    "date": week_day.day,
                    "period": lesson.period,
                    "school": school_day.school.name,
                    "school_class_id": lesson.school_class.pk,
                    "school_class": lesson.school_class.name,
                    "alt_comes": lesson.alt_comes,
                }
                if lesson.plan is not None:
                    base |= _lesson(lesson.plan, lesson.readable, lesson.school_class)
                    base["date"], base["period"] = week_day.day, lesson.period
                    base["alt_roles"] = lesson.alt_roles
                    base["materials"] = [m.title for m in lesson.materials]
                lessons.append(base)
    return Status(200, {"monday": found.monday, "lessons": lessons})


@router.get(
    "/classes/{int:class_id}/",
    response={200: ClassCalendarOut, **refusals(401, 404)},
    summary="A class's timetable, where it stopped and its scheduled lessons",
)
def class_calendar(request: HttpRequest, class_id: int):
    school_class = visible_class(request.user, class_id)
    plans = list(
        scheduled_lessons(school_class)
        .select_related("unit_plan")
        .order_by("taught_on", "period", "id")
    )
    access = accesses(request.user, plans)
    stop = where_stopped(school_class)
    return Status(
        200,
        {
            "id": school_class.pk,
            "name": school_class.name,
            "school": school_class.school.name,
            "timetable": [
                {"weekday": w, "period": p} for w, p in sorted(weekly_pattern(school_class).pairs)
            ],
            "stopped": (
                {
                    "date": stop.plan.taught_on,
                    "unit": stop.unit_title,
                    "lesson_number": stop.number,
                    "lesson_count": stop.count,
                }
                if stop
                else None
            ),
            "lessons": [_lesson(p, access[p.pk] is not None, school_class) for p in plans],
        },
    )


def _moved(moves) -> list[dict]:
    return [{"plan_id": m.plan_id, "date": m.after.day, "period": m.after.period} for m in moves]


@router.post(
    "/classes/{int:class_id}/bump/",
    response={200: list[MovedLessonOut], **refusals(400, 401, 403, 404)},
    summary="Bump: a lesson was lost; it and every later lesson move one period on",
)
def bump_lesson(request: HttpRequest, class_id: int, payload: BumpLessonIn):
    school_class = visible_class(request.user, class_id)
    plan = scheduled_lessons(school_class).filter(pk=payload.plan).first()
    if plan is None:
        raise BadInput("plan", "Not a lesson of this class with a date and a period.")
    try:
        return Status(200, _moved(bump(request.user, plan)))
    except NoTimetable as problem:
        raise BadInput("plan", str(problem)) from None


@router.post(
    "/classes/{int:class_id}/schedule/",
    response={200: list[MovedLessonOut], **refusals(400, 401, 403, 404)},
    summary="Schedule a unit plan's lessons on the class's next free periods",
)
def schedule(request: HttpRequest, class_id: int, payload: ScheduleUnitIn):
    school_class = visible_class(request.user, class_id)
    unit_plan = UnitPlan.objects.filter(pk=payload.unit_plan, school_class=school_class).first()
    if unit_plan is None:
        raise BadInput("unit_plan", "Not a unit plan of this class.")
    try:
        return Status(200, _moved(schedule_unit(request.user, unit_plan, payload.start)))
    except NoTimetable as problem:
        raise BadInput("unit_plan", str(problem)) from None


@router.get(
    "/feed/",
    response={200: CalendarFeedOut, **refusals(401)},
    summary="Your private calendar feed's address (iCalendar)",
)
def feed(request: HttpRequest):
    return Status(200, {"address": feed_address(request, feed_for(request.user))})


@router.post(
    "/feed/new-address/",
    response={200: CalendarFeedOut, **refusals(401, 403)},
    summary="Make a new feed address; the old one stops working",
)
def new_feed_address(request: HttpRequest):
    return Status(200, {"address": feed_address(request, renew(request.user))})
