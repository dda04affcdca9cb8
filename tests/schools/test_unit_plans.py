"""Issue #15.2: unit plans. A JTE plans a unit for a class as a table of lessons; "Add
lesson plan n" makes lesson n of N; a unit plan copies to another class with its lesson
plans (dates cleared) and publishes as a template; the 細案 prints the unit plan's table
with the current lesson marked 本時."""

import datetime

import pytest
from django.urls import reverse

from lessons.models import LessonPlan, UnitPlan, Visibility
from lessons.printing.layouts import plan_print
from library.models import Grade, TextbookUnit
from printing.inspect import extract_text
from printing.papers import Paper
from schools.models import ClassTeacher, SchoolClass

pytestmark = pytest.mark.django_db


def make_unit(schools) -> UnitPlan:
    client = schools.client(schools.jte)
    unit = TextbookUnit.objects.filter(grade__code="JHS2").first()
    response = client.post(
        reverse("lessons:new_unit_plan", args=[schools.class_23.pk]),
        {
            "title": "Unit 1 <b>My Summer</b>",
            "textbook_unit": unit.pk if unit else "",
            "lesson_count": 8,
            "goal": "夏休みの思い出を伝えることができる。",
            "criteria_knowledge": "過去形を理解している。",
        },
    )
    assert response.status_code == 302, response.content[:300]
    return UnitPlan.objects.get(school_class=schools.class_23)


def test_a_unit_plan_has_a_table_of_lessons_to_edit(schools):
    unit = make_unit(schools)
    assert list(unit.lessons.values_list("number", flat=True)) == list(range(1, 9))
    client = schools.client(schools.jte)
    data = {
        "title": unit.title,
        "lesson_count": 8,
        "goal": unit.goal,
        "lesson-1-aim": "過去形の導入",
        "lesson-1-focus": ["knowledge"],
        "lesson-8-aim": "発表",
        "lesson-8-focus": ["thinking", "attitude"],
    }
    assert client.post(reverse("lessons:edit_unit_plan", args=[unit.pk]), data).status_code == 302
    rows = {row.number: row for row in unit.lessons.all()}
    assert rows[1].aim == "過去形の導入"
    assert rows[1].focus == ["knowledge"]
    assert rows[8].focus == ["thinking", "attitude"]
    page = client.get(reverse("lessons:unit_plan", args=[unit.pk])).content.decode()
    assert "過去形の導入" in page
    assert "<b>My Summer</b>" not in page
    assert "&lt;b&gt;My Summer&lt;/b&gt;" in page
    # Fewer lessons: the rows past the count go.
    client.post(reverse("lessons:edit_unit_plan", args=[unit.pk]), {**data, "lesson_count": 6})
    assert unit.lessons.count() == 6


def test_add_lesson_plan_n_makes_lesson_n_of_N(schools):
    unit = make_unit(schools)
    client = schools.client(schools.alt)  # the class's ALT may plan its lessons too
    response = client.post(reverse("lessons:unit_lesson_plan", args=[unit.pk, 3]))
    plan = LessonPlan.objects.get(unit_plan=unit, lesson_number=3)
    assert response.status_code == 302
    assert response["Location"].startswith(f"/lessons/{plan.pk}/")
    assert plan.owner == schools.alt
    assert plan.school_class == schools.class_23
    assert plan.grade.code == "JHS2"
    assert plan.class_name == "2年3組"
    assert plan.textbook_unit_id == unit.textbook_unit_id
    editor = client.get(reverse("lessons:plan", args=[plan.pk])).content.decode()
    assert "Lesson 3 of 8" in editor
    assert "本時 3/8" in editor
    # Asking again opens the same plan; lesson 9 of 8 is refused, not made.
    client.post(reverse("lessons:unit_lesson_plan", args=[unit.pk, 3]))
    assert LessonPlan.objects.filter(unit_plan=unit).count() == 1
    assert client.post(reverse("lessons:unit_lesson_plan", args=[unit.pk, 9])).status_code == 403
    # The class link never widens who sees the plan: the JTE does not see Sam's plan.
    assert (
        schools.client(schools.jte).get(reverse("lessons:plan", args=[plan.pk])).status_code == 404
    )


def test_copy_to_another_class_brings_aims_and_plans_without_dates(schools):
    unit = make_unit(schools)
    unit.lessons.filter(number=2).update(aim="Small talk", evaluation_focus="thinking")
    client = schools.client(schools.jte)
    client.post(reverse("lessons:unit_lesson_plan", args=[unit.pk, 2]))
    LessonPlan.objects.filter(unit_plan=unit).update(taught_on=datetime.date(2026, 5, 1), period=3)
    other = SchoolClass.objects.create(
        school=schools.minami,
        academic_year=2026,
        grade=Grade.objects.get(code="JHS2"),
        name="2年1組",
    )
    response = client.post(
        reverse("lessons:copy_unit_plan", args=[unit.pk]), {"school_class": other.pk}
    )
    assert response.status_code == 302
    copy = UnitPlan.objects.get(school_class=other)
    assert copy.based_on == unit
    assert copy.goal == unit.goal
    assert copy.lessons.get(number=2).aim == "Small talk"
    plan = LessonPlan.objects.get(unit_plan=copy)
    assert (plan.lesson_number, plan.taught_on, plan.period) == (2, None, None)
    assert plan.school_class == other
    assert plan.class_name == "2年1組"
    # A class of a school the teacher is not at cannot be chosen.
    refused = client.post(
        reverse("lessons:copy_unit_plan", args=[unit.pk]), {"school_class": schools.kita_class.pk}
    )
    assert refused.status_code == 200
    assert not UnitPlan.objects.filter(school_class=schools.kita_class).exists()


def test_publishing_a_unit_plan_as_a_template(schools):
    unit = make_unit(schools)
    stranger = schools.client(schools.stranger)
    assert stranger.get(reverse("lessons:unit_plan", args=[unit.pk])).status_code == 404
    alt = schools.client(schools.alt)
    # Only the owner publishes.
    assert (
        alt.post(
            reverse("lessons:unit_visibility", args=[unit.pk]), {"visibility": "template"}
        ).status_code
        == 403
    )
    owner = schools.client(schools.jte)
    owner.post(reverse("lessons:unit_visibility", args=[unit.pk]), {"visibility": "template"})
    unit.refresh_from_db()
    assert unit.visibility == Visibility.TEMPLATE
    page = stranger.get(reverse("lessons:unit_plan", args=[unit.pk]))
    assert page.status_code == 200
    assert "Minami JHS" not in page.content.decode()  # the class stays its school's
    assert stranger.get(reverse("lessons:edit_unit_plan", args=[unit.pk])).status_code == 403


def test_the_saian_prints_the_unit_plan_table_with_honji(schools):
    unit = make_unit(schools)
    unit.lessons.filter(number=3).update(
        aim="過去形で日記を書く", evaluation_focus="knowledge,thinking"
    )
    unit.about_material = "教材観の本文"
    unit.save()
    ClassTeacher.objects.get_or_create(school_class=schools.class_23, user=schools.jte, role="jte")
    schools.client(schools.jte).post(reverse("lessons:unit_lesson_plan", args=[unit.pk, 3]))
    plan = LessonPlan.objects.for_header().get(unit_plan=unit, lesson_number=3)
    text = extract_text(plan_print(plan, "saian", "ja").render(Paper.A4))
    flat = "".join(text.split())
    assert "単元指導計画" in flat
    assert "全8時間" in flat
    assert "本時" in flat
    assert "過去形で日記を書く" in flat
    assert "知識・技能・思考・判断・表現" in flat
    assert "教材観" in flat
    assert "教材観の本文" in flat
    assert "過去形を理解している。" in flat  # the unit's 評価規準, written once per unit
    # The lesson's own sections are still there, in order, around the unit's.
    order = ["指導者", "学年・組", "2年3組", "単元について", "単元の評価規準", "単元指導計画"]
    positions = [flat.index(heading) for heading in order]
    assert positions == sorted(positions)
    # The 略案 leaves the unit sections out.
    short = "".join(extract_text(plan_print(plan, "ryakuan", "ja").render(Paper.A4)).split())
    assert "単元指導計画" not in short
