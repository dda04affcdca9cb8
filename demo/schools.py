# ruff: noqa: RUF001 - full-width brackets and colons are how Japanese plans are written
"""The demo's schools for `make run`: the demo ALT visits a junior high and an elementary
school, the demo JTE teaches 2年3組 at the junior high with her, and that class is planning
NEW HORIZON 2's unit as an eight-lesson unit plan (単元指導計画) whose third lesson is the demo
lesson plan — scheduled from this week on its timetable, with a yearly plan (年間指導計画).
So the week view, My lessons, the 細案 with its unit table and the yearly plan all have
something to show from the first log-in.

Keyed by names: running the demo command again changes nothing that exists.
"""

from __future__ import annotations

import datetime

from django.contrib.auth import get_user_model
from django.db import transaction
from django.utils import timezone

from lessons.calendar.schedule import schedule_unit
from lessons.models import LessonPlan, UnitLesson, UnitPlan, Visibility, YearlyPlan, YearlyPlanRow
from library.models import Grade, Skill
from schools.models import ClassTeacher, School, SchoolClass, SchoolMembership, SchoolRole
from schools.models.classes import academic_year_of
from schools.models.timetable import AltVisits, BellTime, TimetablePeriod

SCHOOLS = [
    ("Minami Junior High School", "南中学校", "JHS", "Kyoto"),
    ("Kita Elementary School", "北小学校", "ES", "Kyoto"),
]
BELLS = [
    (1, "08:50", "09:40"),
    (2, "09:50", "10:40"),
    (3, "10:50", "11:40"),
    (4, "11:50", "12:40"),
    (5, "13:30", "14:20"),
    (6, "14:30", "15:20"),
]
UNIT_AIMS = [
    ("単元の見通しをもち、be going to の形と意味に気付く。", "knowledge"),
    ("週末の予定について、be going to を使って尋ねたり答えたりする。", "knowledge"),
    ("友達の週末の予定をたずね、追加の質問をして会話を続ける。", "thinking"),
    ("未来の予定を表す will と be going to の違いを理解する。", "knowledge"),
    ("夏休みの計画について、理由を添えて伝え合う。", "thinking"),
    ("教科書本文を読み、登場人物の予定を読み取る。", "thinking"),
    ("自分の計画をまとまりのある文章で書く。", "thinking,attitude"),
    ("パフォーマンステスト：自分の計画を友達に伝える。", "thinking,attitude"),
]
YEAR_ROWS = [
    (4, "Unit 1", "6-15", 8, "過去形（復習）", ["listening", "spoken_interaction"]),
    (5, "Unit 2", "16-27", 9, "接続詞 when, if, that", ["reading", "writing"]),
    (6, "Unit 3", "28-39", 9, "be going to / will", ["spoken_interaction", "spoken_production"]),
    (9, "Unit 4", "46-57", 9, "不定詞", ["listening", "reading"]),
    (10, "Unit 5", "58-69", 10, "動名詞", ["spoken_production", "writing"]),
]


def _member(school, user, role) -> None:
    SchoolMembership.objects.get_or_create(school=school, user=user, defaults={"role": role})


def _class(school, grade_code, name, students, boys, girls, teachers) -> SchoolClass:
    school_class, _created = SchoolClass.objects.get_or_create(
        school=school,
        academic_year=academic_year_of(),
        name=name,
        defaults={
            "grade": Grade.objects.get(code=grade_code),
            "students": students,
            "boys": boys,
            "girls": girls,
        },
    )
    for user, role in teachers:
        ClassTeacher.objects.get_or_create(school_class=school_class, user=user, role=role)
    return school_class


def _timetable(school_class, slots) -> None:
    for weekday, period in slots:
        TimetablePeriod.objects.get_or_create(
            school_class=school_class, weekday=weekday, period=period
        )
    AltVisits.objects.get_or_create(school_class=school_class)


def _bells(school) -> None:
    for period, starts, ends in BELLS:
        BellTime.objects.get_or_create(
            school=school,
            period=period,
            defaults={
                "starts_at": datetime.time.fromisoformat(starts),
                "ends_at": datetime.time.fromisoformat(ends),
            },
        )


def _unit_plan(jte, school_class, plan: LessonPlan) -> UnitPlan:
    unit, created = UnitPlan.objects.get_or_create(
        school_class=school_class,
        owner=jte,
        title="Weekend plans: be going to",
        defaults={
            "textbook_unit": plan.textbook_unit,
            "lesson_count": len(UNIT_AIMS),
            "goal": "週末や休暇の予定について、be going to を用いて尋ねたり答えたり、"
            "まとまりのある文章で伝えたりすることができる。",
            "criteria_knowledge": "be going to の形・意味・用法を理解し、予定を伝える技能を"
            "身に付けている。",
            "criteria_thinking": "相手の予定を知るために、追加の質問をしながら伝え合っている。",
            "criteria_attitude": "相手の予定を知るために、粘り強く質問しようとしている。",
            "about_material": "身近な「週末の予定」を題材に、未来を表す表現を実際の会話で使う"
            "単元である。",
            "about_students": "話すことに意欲的な生徒が多いが、即興で質問を続けることには"
            "課題がある。",
            "about_teaching": "ALT との Small Talk で表現に出会わせ、ペア・グループでの"
            "やり取りを段階的に増やす。",
            "visibility": Visibility.SHARED,
        },
    )
    if created:
        for number, (aim, focus) in enumerate(UNIT_AIMS, start=1):
            UnitLesson.objects.create(
                unit_plan=unit, number=number, aim=aim, evaluation_focus=focus
            )
    return unit


def _yearly_plan(jte, school_class) -> None:
    yearly, created = YearlyPlan.objects.get_or_create(
        school=school_class.school,
        school_class=school_class,
        academic_year=school_class.academic_year,
        defaults={"owner": jte, "title": "2年3組 年間指導計画", "grade": school_class.grade},
    )
    if not created:
        return
    units = {
        unit.label: unit
        for unit in school_class.grade.textbookunit_set.filter(series__name="NEW HORIZON")
    }
    for position, (month, label, pages, hours, grammar, skills) in enumerate(YEAR_ROWS):
        row = YearlyPlanRow.objects.create(
            yearly_plan=yearly,
            position=position,
            month=month,
            textbook_unit=units.get(label),
            unit_title="" if label in units else label,
            pages=pages,
            planned_hours=hours,
            grammar=grammar,
        )
        row.skills.set(Skill.objects.filter(code__in=skills))


def create_demo_schools(plan: LessonPlan) -> SchoolClass:
    """The demo schools, classes and plans around the demo lesson plan; returns 2年3組."""
    users = get_user_model().objects
    jte, alt = users.get(username="jte"), users.get(username="alt")
    with transaction.atomic():
        minami, _ = School.objects.get_or_create(
            name=SCHOOLS[0][0],
            defaults={
                "name_ja": SCHOOLS[0][1],
                "stage": SCHOOLS[0][2],
                "prefecture": SCHOOLS[0][3],
            },
        )
        kita, _ = School.objects.get_or_create(
            name=SCHOOLS[1][0],
            defaults={
                "name_ja": SCHOOLS[1][1],
                "stage": SCHOOLS[1][2],
                "prefecture": SCHOOLS[1][3],
            },
        )
        _member(minami, jte, SchoolRole.JTE)
        _member(minami, alt, SchoolRole.ALT)
        _member(kita, alt, SchoolRole.ALT)
        _bells(minami)
        _bells(kita)
        class_23 = _class(
            minami,
            "JHS2",
            "2年3組",
            31,
            16,
            15,
            [(jte, SchoolRole.JTE), (alt, SchoolRole.ALT)],
        )
        class_11 = _class(
            minami, "JHS1", "1年1組", 30, 15, 15, [(jte, SchoolRole.JTE), (alt, SchoolRole.ALT)]
        )
        class_61 = _class(kita, "ES6", "6年1組", 28, 14, 14, [(alt, SchoolRole.ALT)])
        _timetable(class_23, [(0, 3), (2, 2), (4, 4)])  # Mon 3rd, Wed 2nd, Fri 4th
        _timetable(class_11, [(1, 1), (3, 3)])
        _timetable(class_61, [(1, 5), (3, 2)])
        unit = _unit_plan(jte, class_23, plan)
        _yearly_plan(jte, class_23)
        if plan.unit_plan_id is None:
            LessonPlan.objects.filter(pk=plan.pk).update(
                school_class=class_23, unit_plan=unit, lesson_number=3
            )
            # From this week's Monday: the unit's lessons on 2年3組's periods, the demo plan
            # third, so the ALT's week and My lessons show them at once.
            today = timezone.localdate()
            schedule_unit(jte, unit, today - datetime.timedelta(days=today.weekday()))
    return class_23
