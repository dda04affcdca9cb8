"""Schemathesis against the calendar's operations (/api/v1/calendar/, tag "calendar"), as
tests/api/test_schemathesis.py does for the plans: generated requests from a signed-in
ALT never get a server error, an undocumented status, or a body off the schema. Class ids
are steered to the ALT's class (and unit and plan ids in bodies to its unit and lesson),
so requests reach the handlers; every example is rolled back."""

from datetime import date

import pytest
from django.contrib.auth import get_user_model

from lessons.models import LessonPlan, UnitPlan, Visibility
from library.models import Grade
from schools.models import ClassTeacher, School, SchoolClass, SchoolMembership, SchoolRole
from schools.models.timetable import TimetablePeriod
from tests.api.test_schemathesis import (  # noqa: F401 - the fixture is used by name
    _requests_share_the_test_transaction,
    bounded,
    load_schema,
    send,
    signed_in,
    steer,
)

calendar_schema = load_schema(max_examples=30, coverage=True).include(tag="calendar")


@pytest.fixture
def alt_class():
    alt = signed_in("sam")
    sam = get_user_model().objects.get(username="sam")
    school = School.objects.create(name="Minami JHS", stage="JHS")
    SchoolMembership.objects.create(school=school, user=sam, role=SchoolRole.ALT)
    school_class = SchoolClass.objects.create(
        school=school, academic_year=2026, grade=Grade.objects.get(code="JHS2"), name="2-3"
    )
    ClassTeacher.objects.create(school_class=school_class, user=sam, role=SchoolRole.ALT)
    TimetablePeriod.objects.create(school_class=school_class, weekday=1, period=3)
    unit = UnitPlan.objects.create(
        school_class=school_class, title="Unit 3", owner=sam, lesson_count=2
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
    yield alt, {"class": school_class.pk, "unit": unit.pk, "plan": plan.pk}
    assert 401 not in alt.statuses
    assert alt.statuses - {404, 405}, alt.statuses


@pytest.mark.django_db
@pytest.mark.usefixtures("_requests_share_the_test_transaction")
@calendar_schema.parametrize()
@bounded
def test_the_calendar_keeps_to_the_schema(case, alt_class):
    visitor, ids = alt_class
    path = case.path_parameters or {}
    if "class_id" in path and (found := steer(path["class_id"], [ids["class"]])):
        path["class_id"] = found
    if isinstance(case.body, dict):
        for name, key in (("plan", "plan"), ("unit_plan", "unit")):
            if name in case.body and (found := steer(case.body[name], [ids[key]])):
                case.body[name] = found
    send(case, visitor)
