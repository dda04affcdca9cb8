"""Plan defaults and the school facts they encode (library/school_facts.py)."""

import pytest
from django.db import IntegrityError

from lessons.models import LessonPlan, default_lesson_minutes
from library.models import Grade
from tests.factories.lessons import LessonPlanFactory


@pytest.mark.parametrize(
    ("code", "minutes", "label"),
    [("ES3", 45, "HRT"), ("ES6", 45, "HRT"), ("JHS1", 50, "JTE"), ("SHS3", 50, "JTE")],
)
def test_lesson_length_and_teacher_follow_the_stage(db, teacher, code, minutes, label):
    grade = Grade.objects.get(code=code)
    assert default_lesson_minutes(grade) == minutes
    plan = LessonPlan.objects.create(owner=teacher, title="x", grade=grade)
    assert plan.length_minutes == minutes
    assert plan.teacher_label == label


def test_the_length_is_the_plans_own(db, teacher):
    plan = LessonPlanFactory(owner=teacher, grade="JHS1", length_minutes=45)
    plan.refresh_from_db()
    assert plan.length_minutes == 45


def test_a_plan_without_an_owner_must_be_built_in(db):
    with pytest.raises(IntegrityError):
        LessonPlan.objects.create(title="Orphan", length_minutes=50)
