"""The calendar's addresses in the permission matrix (tests/security/matrix.py merges these
in), with the objects they need, built on the shared world on first use.

Sam (the owner) is the ALT of class 2-3 at Minami JHS and Kate (the co-planner editor) its
JTE; Hanako, Suzuki and nobody signed in are not in the school; the AJET editor looks
after every school (schools' `is_school_editor`) but co-plans nothing. Sam has a lesson
of the class scheduled (Kate edits it with him) and received a hand-over.
"""

from __future__ import annotations

from datetime import date

from django.urls import reverse

from .matrix import (
    API_SIGNED_IN,
    BAD_INPUT,
    DENIED,
    HIDDEN,
    LOGIN,
    NOT_ALLOWED,
    OK,
    PUBLIC,
    SIGNED_IN,
    UNAUTHENTICATED,
    Check,
    _print_job,
    everyone,
    get_and_post,
    post_only,
    read_only,
    who,
)
from .world import COEDITOR, OWNER

MONDAY = "2026-06-01"
# The class's school: its members and the editor; a 404 for everyone else.
SCHOOL = who(LOGIN, OK, HIDDEN, HIDDEN, OK, OK)
# Moving lessons also needs edit rights on each plan moved: the editor has none.
MOVERS = who(LOGIN, OK, HIDDEN, HIDDEN, OK, DENIED)
SIGNED_IN_ELSE_404 = who(HIDDEN, OK, OK, OK, OK, OK)
ONLY_OWNER_ELSE_404 = who(HIDDEN, OK, HIDDEN, HIDDEN, HIDDEN, HIDDEN)
LOGGED_IN_405 = who(LOGIN, *[NOT_ALLOWED] * 5)
API_SCHOOL = who(UNAUTHENTICATED, OK, HIDDEN, HIDDEN, OK, OK)
API_MOVERS = who(UNAUTHENTICATED, OK, HIDDEN, HIDDEN, OK, DENIED)


def calendar_of(world):
    """The calendar's objects for this world, made once."""
    found = getattr(world, "_calendar", None)
    if found is None:
        found = world._calendar = _build(world)
    return found


def _build(world) -> dict:
    from lessons.models import Handover, LessonPlan, MemberRole, PlanMember, UnitPlan, Visibility
    from library.models import Grade
    from schools.models import ClassTeacher, School, SchoolClass, SchoolMembership, SchoolRole
    from schools.models.timetable import TimetablePeriod

    sam, kate = world.people[OWNER], world.people[COEDITOR]
    school = School.objects.create(name="Minami JHS", stage="JHS")
    SchoolMembership.objects.create(school=school, user=sam, role=SchoolRole.ALT)
    SchoolMembership.objects.create(school=school, user=kate, role=SchoolRole.JTE)
    school_class = SchoolClass.objects.create(
        school=school, academic_year=2026, grade=Grade.objects.get(code="JHS2"), name="2-3"
    )
    ClassTeacher.objects.create(school_class=school_class, user=sam, role=SchoolRole.ALT)
    ClassTeacher.objects.create(school_class=school_class, user=kate, role=SchoolRole.JTE)
    TimetablePeriod.objects.create(school_class=school_class, weekday=1, period=3)
    unit = UnitPlan.objects.create(
        school_class=school_class, title="Unit 3", owner=sam, lesson_count=8
    )
    plan = LessonPlan.objects.create(
        owner=sam,
        title="Dreams 1",
        length_minutes=50,
        school_class=school_class,
        unit_plan=unit,
        lesson_number=1,
        taught_on=date(2026, 6, 2),
        period=3,
        visibility=Visibility.SHARED,
    )
    PlanMember.objects.create(plan=plan, user=kate, role=MemberRole.EDITOR)
    handover = Handover.objects.create(successor=sam, leaver_name="Former ALT")
    handover.classes.add(school_class)
    return {
        "school": school,
        "class": school_class,
        "unit": unit,
        "plan": plan,
        "handover": handover,
    }


def _with_school(builder):
    """Build the calendar's objects before the request (outside its rolled-back
    transaction), for addresses that do not name them."""

    def build(world, target):
        calendar_of(world)
        return builder(world, target)

    return build


def _class_id(world):
    return calendar_of(world)["class"].pk


def _class_url(name: str, query: str = ""):
    return lambda world, target: reverse(name, args=[_class_id(world)]) + query


def _week_url(name: str):
    return lambda world, target: reverse(name, args=[MONDAY])


def _handover_url(name: str):
    return lambda world, target: reverse(name, args=[calendar_of(world)["handover"].pk])


def _feed_url(world, target):
    from lessons.calendar.feed_tokens import feed_for, make_token

    return reverse("calendar:feed", args=[make_token(feed_for(world.people[OWNER]))])


def _api(suffix):
    return lambda world, target: "/api/v1/calendar/" + suffix(world)


def _printed(name: str, readers: dict) -> list[Check]:
    """A print address: GET only (require_GET comes before any look-up)."""
    return [
        Check("get", _week_url(name), readers),
        Check("post", _week_url(name), everyone(NOT_ALLOWED)),
    ]


def _printed_handover(name: str) -> list[Check]:
    return [
        Check("get", _handover_url(name), ONLY_OWNER_ELSE_404),
        Check("post", _handover_url(name), everyone(NOT_ALLOWED)),
    ]


def _week_job(world, target):
    return _print_job("teacher_week", f"{world.people[OWNER].pk}:{MONDAY}")


def _handover_job(world, target):
    return _print_job("handover_pack", calendar_of(world)["handover"].pk)


def _job_checks(name: str) -> list[Check]:
    """The print jobs of Sam's week and of his hand-over pack open for Sam alone."""
    job_url = lambda job: lambda world, target: reverse(name, args=[job(world, target)])  # noqa: E731
    return [
        Check("get", job_url(_week_job), ONLY_OWNER_ELSE_404, label="week"),
        Check("get", job_url(_handover_job), ONLY_OWNER_ELSE_404, label="hand-over"),
    ]


def _timetable_data(world, target):
    return {"periods": ["1-3", "3-1"], "pattern": "every_week"}


def _plan_data(world, target):
    return {"plan": calendar_of(world)["plan"].pk}


def _schedule_data(world, target):
    return {"unit_plan": calendar_of(world)["unit"].pk, "start": MONDAY}


def _handover_data(world, target):
    return {"successor": world.people[COEDITOR].pk, "confirm": "on"}


CALENDAR_MATRIX: dict[str, list[Check]] = {
    "calendar/": read_only(lambda world, target: reverse("calendar:this_week"), SIGNED_IN),
    "calendar/week/<str:monday>/": read_only(_week_url("calendar:week"), SIGNED_IN),
    "calendar/week/<str:monday>/print/": _printed("calendar:week_print", SIGNED_IN_ELSE_404),
    "calendar/week/<str:monday>/print/pdf/": _printed("calendar:week_pdf", SIGNED_IN_ELSE_404),
    "calendar/week/<str:monday>/print/preview.png": _printed(
        "calendar:week_preview", SIGNED_IN_ELSE_404
    ),
    "calendar/classes/<int:class_id>/": [
        Check("get", _class_url("calendar:class"), SCHOOL),
        Check("post", _class_url("calendar:class"), LOGGED_IN_405),
    ],
    "calendar/classes/<int:class_id>/timetable/": get_and_post(
        _class_url("calendar:timetable"), SCHOOL, SCHOOL, _timetable_data
    ),
    "calendar/classes/<int:class_id>/bump/": [
        Check("get", _class_url("calendar:bump"), LOGGED_IN_405),
        # Moving a plan one cannot edit is the planner's 403 (lessons/refusals.py).
        Check("post", _class_url("calendar:bump"), MOVERS, _plan_data),
    ],
    "calendar/classes/<int:class_id>/schedule/": [
        Check("get", _class_url("calendar:schedule"), LOGGED_IN_405),
        Check("post", _class_url("calendar:schedule"), MOVERS, _schedule_data),
    ],
    "calendar/classes/<int:class_id>/notes/": [
        Check("get", _class_url("calendar:notes"), LOGGED_IN_405),
        Check("post", _class_url("calendar:notes"), SCHOOL, lambda w, t: {"text": "Likes games"}),
    ],
    "calendar/schools/<int:school_id>/bell-times/": get_and_post(
        lambda world, target: reverse(
            "calendar:bell_times", args=[calendar_of(world)["school"].pk]
        ),
        SCHOOL,
        SCHOOL,
        lambda world, target: {"starts_1": "08:50", "ends_1": "09:40"},
    ),
    "calendar/subscribe/": read_only(
        lambda world, target: reverse("calendar:subscribe"), SIGNED_IN
    ),
    "calendar/subscribe/new-address/": post_only(
        lambda world, target: reverse("calendar:renew_feed"), SIGNED_IN
    ),
    # The feed's address is its key: whoever holds it reads it, nothing else does.
    "calendar/feed/<str:token>.ics": [
        Check("get", _feed_url, PUBLIC),
        Check("post", _feed_url, everyone(NOT_ALLOWED)),
    ],
    # Only Sam can hand over to Kate (a colleague of his school); anyone else choosing Kate
    # is told the choice is not theirs to make (400, the form's error).
    "calendar/handover/": get_and_post(
        _with_school(lambda world, target: reverse("calendar:handover_start")),
        SIGNED_IN,
        who(LOGIN, OK, BAD_INPUT, BAD_INPUT, BAD_INPUT, BAD_INPUT),
        _handover_data,
    ),
    "calendar/handover/<int:handover_id>/": [
        Check("get", _handover_url("calendar:handover"), who(LOGIN, OK, *[HIDDEN] * 4)),
        Check("post", _handover_url("calendar:handover"), LOGGED_IN_405),
    ],
    "calendar/handover/<int:handover_id>/print/": _printed_handover("calendar:handover_print"),
    "calendar/handover/<int:handover_id>/print/pdf/": _printed_handover("calendar:handover_pdf"),
    "calendar/handover/<int:handover_id>/print/preview.png": _printed_handover(
        "calendar:handover_preview"
    ),
    # --- the API -------------------------------------------------------------------------
    "api/v1/calendar/week/": [
        Check("get", _api(lambda w: f"week/?day={MONDAY}"), API_SIGNED_IN, json=True)
    ],
    "api/v1/calendar/classes/<int:class_id>/": [
        Check("get", _api(lambda w: f"classes/{_class_id(w)}/"), API_SCHOOL, json=True)
    ],
    "api/v1/calendar/classes/<int:class_id>/bump/": [
        Check(
            "post",
            _api(lambda w: f"classes/{_class_id(w)}/bump/"),
            API_MOVERS,
            _plan_data,
            json=True,
        )
    ],
    "api/v1/calendar/classes/<int:class_id>/schedule/": [
        Check(
            "post",
            _api(lambda w: f"classes/{_class_id(w)}/schedule/"),
            API_MOVERS,
            _schedule_data,
            json=True,
        )
    ],
    "api/v1/calendar/feed/": [Check("get", _api(lambda w: "feed/"), API_SIGNED_IN, json=True)],
    "api/v1/calendar/feed/new-address/": [
        Check("post", _api(lambda w: "feed/new-address/"), API_SIGNED_IN, json=True)
    ],
}

# The print jobs' own addresses answer for the calendar's printouts too.
JOB_CHECKS = {
    "print/jobs/<uuid:job_id>/": _job_checks("printing:job"),
    "print/jobs/<uuid:job_id>/pdf/": _job_checks("printing:job_pdf"),
    "print/jobs/<uuid:job_id>/preview.png": _job_checks("printing:job_preview"),
}
