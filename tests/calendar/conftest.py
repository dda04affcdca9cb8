"""A small school year for the calendar: Sam the ALT visits two schools (Minami JHS and
Kita JHS), Tanaka is the JTE of 2-3 at Minami, Nosy is a teacher at neither school.
Built straight with the ORM on the shared models (schools/, lessons/)."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from lessons.models import LessonPlan, MemberRole, PlanMember, UnitPlan, Visibility
from library.models import Grade
from schools.models import ClassTeacher, School, SchoolClass, SchoolMembership, SchoolRole
from schools.models.timetable import TimetablePeriod
from tests.factories.accounts import TeacherFactory

# A Monday in June 2026 (academic year 2026).
MONDAY = date(2026, 6, 1)


@dataclass
class Year:
    alt: object
    jte: object
    stranger: object
    minami: School
    kita: School
    class_23: SchoolClass  # Minami 2-3: Tuesday 3rd, Thursday 1st
    class_1a: SchoolClass  # Kita 1-A: Wednesday 2nd

    def unit(self, school_class, count=8, owner=None, title="Unit 3: My Dream") -> UnitPlan:
        return UnitPlan.objects.create(
            school_class=school_class,
            title=title,
            owner=owner or self.jte,
            lesson_count=count,
        )

    def lesson(self, school_class, day, period, *, unit=None, number=None, owner=None, **extra):
        owner = owner or self.jte
        plan = LessonPlan.objects.create(
            owner=owner,
            title=extra.pop("title", f"{school_class.name} {day} P{period}"),
            length_minutes=50,
            school_class=school_class,
            unit_plan=unit,
            lesson_number=number,
            taught_on=day,
            period=period,
            visibility=extra.pop("visibility", Visibility.SHARED),
            **extra,
        )
        if owner != self.alt and plan.visibility != Visibility.PRIVATE:
            PlanMember.objects.create(plan=plan, user=self.alt, role=MemberRole.EDITOR)
        return plan


def _class(school, name, teachers, slots) -> SchoolClass:
    school_class = SchoolClass.objects.create(
        school=school, academic_year=2026, grade=Grade.objects.get(code="JHS2"), name=name
    )
    for user, role in teachers:
        ClassTeacher.objects.create(school_class=school_class, user=user, role=role)
    for weekday, period in slots:
        TimetablePeriod.objects.create(school_class=school_class, weekday=weekday, period=period)
    return school_class


def make_year() -> Year:
    alt = TeacherFactory(username="sam", display_name="Sam (ALT)")
    jte = TeacherFactory(username="tanaka", display_name="田中 花子")
    stranger = TeacherFactory(username="nosy", display_name="Nosy Parker")
    minami = School.objects.create(name="Minami JHS", name_ja="南中学校", stage="JHS")
    kita = School.objects.create(name="Kita JHS", name_ja="北中学校", stage="JHS")
    for school in (minami, kita):
        SchoolMembership.objects.create(school=school, user=alt, role=SchoolRole.ALT)
    SchoolMembership.objects.create(school=minami, user=jte, role=SchoolRole.JTE)
    class_23 = _class(
        minami, "2-3", [(jte, SchoolRole.JTE), (alt, SchoolRole.ALT)], [(1, 3), (3, 1)]
    )
    class_1a = _class(kita, "1-A", [(alt, SchoolRole.ALT)], [(2, 2)])
    return Year(alt, jte, stranger, minami, kita, class_23, class_1a)


@pytest.fixture
def year(db) -> Year:
    return make_year()
