"""The 細案's unit sections when the plan belongs to a unit plan (単元指導計画, issue #15):
the unit's goal, 評価規準 and 単元について come from the unit plan (written once per unit),
and 単元指導計画 prints as the usual table, one row per lesson, the current one marked 本時.

A plan with no unit plan prints its own unit fields as before (nothing is lost: those
fields stay on LessonPlan, docs/architecture.md). One query: the unit's lessons."""

from typing import Any

from lessons.models import LessonPlan


def _criteria(unit, labels: dict) -> list[tuple[str, str]]:
    rows = [
        (labels["knowledge"], unit.criteria_knowledge),
        (labels["thinking"], unit.criteria_thinking),
        (labels["attitude"], unit.criteria_attitude),
    ]
    return [(label, text) for label, text in rows if text.strip()]


def unit_section(plan: LessonPlan, full_form: bool, labels: dict) -> dict[str, Any]:
    if not (full_form and plan.unit_plan_id):
        return {"unit": None}
    unit = plan.unit_plan
    lessons = [
        {
            "number": row.number,
            "aim": row.aim,
            "focus": "・".join(labels[code] for code in row.focus),
            "current": row.number == plan.lesson_number,
        }
        for row in unit.lessons.all()
    ]
    about = [
        (label, text)
        for label, text in (
            ("教材観", unit.about_material),
            ("生徒観", unit.about_students),
            ("指導観", unit.about_teaching),
        )
        if text.strip()
    ]
    context: dict[str, Any] = {"unit": unit, "unit_lessons": lessons, "unit_about": about}
    unit_criteria = _criteria(unit, labels)
    if unit_criteria:
        context["criteria"] = unit_criteria
    return context
